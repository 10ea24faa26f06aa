/// Finds the exact top k from approximate scores: keeps every row whose approximate score could
/// still place it in the exact top k, and re-scores only those with the exact float32 dot product.
///
/// If no approximate score is more than `tolerance` from its exact one, every row of the
/// exact top k has an approximate score of at least T - 2 tolerance, where T is the k-th
/// best approximate score: the k rows scoring at least T approximately score at least
/// T - tolerance exactly, so the exact k-th best score does too. Re-scoring that band with
/// `DotProduct.dot` gives the same hits and the same scores as `ExactSearch`, bit for bit.
struct CandidateTopK {
    let k: Int
    /// Twice the tolerance: how far below the running k-th best a candidate may score.
    let margin: Float
    /// The k best approximate scores; its worst is the running T.
    private(set) var approximate: TopK
    /// Rows offered while their approximate score was within `margin` of the running T.
    private(set) var candidates: [Hit] = []
    /// Rows scoring below this cannot be in the exact top k (-inf until k rows are kept; T - margin then).
    private(set) var cutoff: Float = -.infinity
    private var compactAt: Int

    init(k: Int, tolerance: Float) {
        self.k = k
        self.margin = 2 * tolerance
        self.approximate = TopK(k: k)
        self.compactAt = 4 * k + 256
    }

    /// Whether a row with this approximate score must be offered; the scan's fast path.
    @inline(__always)
    func admits(_ score: Float) -> Bool { !(score < cutoff) }

    /// Offers a row that is not excluded and that `admits` its score.
    mutating func offer(index: Int, score: Float) {
        approximate.insert(index: index, score: score)
        candidates.append(Hit(index: index, score: score))
        if let worst = approximate.threshold { cutoff = worst.score - margin }
        if candidates.count >= compactAt {
            // T only rises, so candidates that fell below the cutoff stay out for good.
            let cutoff = self.cutoff
            candidates.removeAll { $0.score < cutoff }
            compactAt = max(2 * candidates.count, 4 * k + 256)
        }
    }

    /// The exact top k over all parts (one per slice of rows), best first, scored by `exactScore`.
    static func exactTop(_ parts: [CandidateTopK], k: Int, exactScore: (Int) -> Float) -> [Hit] {
        guard k > 0, let margin = parts.first?.margin else { return [] }
        var approximate = TopK(k: k)
        for part in parts {
            for hit in part.approximate.heap { approximate.insert(index: hit.index, score: hit.score) }
        }
        // Each part's T is at most the overall T, so no part dropped a row the overall band needs.
        let cutoff = approximate.threshold.map { $0.score - margin } ?? -.infinity
        var exact = TopK(k: k)
        for part in parts {
            for candidate in part.candidates where !(candidate.score < cutoff) {
                exact.insert(index: candidate.index, score: exactScore(candidate.index))
            }
        }
        return exact.sorted()
    }
}
