import Foundation

/// A softmax over the training vocabulary of caption words, with each image's own words as positives.
///
/// The caption-level InfoNCE pulls an image towards the mean of its words; but a
/// one-word query ranks images by their cosine to that single word. This loss
/// trains that directly (DeViSE-like, with the word vectors fixed): for image `i`
/// with words `W_i`, `-(1/|W_i|) Σ_{w ∈ W_i} log softmax_w(u_i · V / T)` over all
/// `K` vocabulary words `V`.
public struct TagWordLoss: Sendable {
    /// `K x d` unit word vectors.
    public var vocabulary: DenseMatrix
    public var temperature: Float

    public init(vocabulary: DenseMatrix, temperature: Float) {
        self.vocabulary = vocabulary
        self.temperature = temperature
    }

    /// Loss and `∂loss/∂u` for a batch: `words[i]` are the vocabulary rows of image `i` (rows without words add nothing).
    public func evaluate(u: DenseMatrix, words: [[Int]]) -> (loss: Double, gradient: DenseMatrix) {
        let b = u.rows, k = vocabulary.rows
        var p = LinearAlgebra.product(u, vocabulary, transposeB: true)
        let inv = 1 / temperature
        let counted = words.filter { !$0.isEmpty }.count
        guard counted > 0 else { return (0, DenseMatrix(rows: b, columns: u.columns)) }
        var loss = 0.0
        for i in 0..<b {
            guard !words[i].isEmpty else {
                for j in 0..<k { p[i, j] = 0 }
                continue
            }
            var mx = -Float.infinity
            for j in 0..<k { mx = max(mx, p[i, j] * inv) }
            var z = 0.0
            for j in 0..<k { let e = exp(Double(p[i, j] * inv - mx)); p[i, j] = Float(e); z += e }
            let share = 1 / Float(words[i].count)
            for w in words[i] { loss -= Double(share) * (log(Double(p[i, w]) / z)) }
            // ∂/∂logits = softmax - target distribution (uniform over the image's words).
            for j in 0..<k { p[i, j] = Float(Double(p[i, j]) / z) }
            for w in words[i] { p[i, w] -= share }
        }
        let scale = inv / Float(counted)
        for x in p.values.indices { p.values[x] *= scale }
        return (loss / Double(counted), LinearAlgebra.product(p, vocabulary))
    }
}
