/// Ranking metrics for one query over scored candidates.
///
/// Candidates are ranked by descending score, ties broken by ascending index, so a
/// metric never depends on sort stability.
public enum RetrievalMetrics {
    /// Candidate indices ranked by descending score (ties: lower index first).
    public static func ranking(_ scores: [Float]) -> [Int] {
        scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    }

    /// The first `k` of `ranking(scores)`, found without sorting every candidate.
    public static func top(_ k: Int, _ scores: [Float]) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for i in scores.indices {
            // Strictly greater than the k-th so far: on a tie the lower index (seen first) stays ahead.
            guard best.count < k || scores[i] > scores[best[best.count - 1]] else { continue }
            var at = best.count
            while at > 0 && scores[i] > scores[best[at - 1]] { at -= 1 }
            best.insert(i, at: at)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Average precision: the mean, over relevant candidates, of the precision at each one's rank.
    /// Zero when nothing is relevant.
    public static func averagePrecision(scores: [Float], relevant: [Bool]) -> Double {
        precondition(scores.count == relevant.count)
        let total = relevant.lazy.filter { $0 }.count
        guard total > 0 else { return 0 }
        var hits = 0
        var sum = 0.0
        for (k, i) in ranking(scores).enumerated() where relevant[i] {
            hits += 1
            sum += Double(hits) / Double(k + 1)
        }
        return sum / Double(total)
    }

    /// Fraction of the top `k` candidates that are relevant (divided by `k`, as P@k is).
    public static func precision(at k: Int, scores: [Float], relevant: [Bool]) -> Double {
        precondition(scores.count == relevant.count && k > 0)
        let top = ranking(scores).prefix(k)
        return Double(top.filter { relevant[$0] }.count) / Double(k)
    }

    /// Zero-based rank of candidate `target`: how many candidates score strictly higher
    /// (the baselines' convention; a tie does not push the target down).
    public static func rank(of target: Int, scores: [Float]) -> Int {
        let s = scores[target]
        return scores.lazy.filter { $0 > s }.count
    }
}
