import Foundation

/// Caption transfer from the nearest training images (a non-parametric complement to
/// the head): an image's vector moves towards the caption targets of the training
/// images whose CNN features are most like its own.
///
/// `vector = normalise(head(x) + weight * normalise(sum_j w_j t_j))` over the
/// `neighbours` training images `j` with the highest feature cosine `c_j`, where
/// `w = softmax(c / temperature)`.
public struct NeighbourTransfer: Sendable, Equatable {
    public var neighbours: Int
    public var temperature: Float
    public var weight: Float

    public init(neighbours: Int = 10, temperature: Float = 0.05, weight: Float = 1) {
        precondition(neighbours >= 1 && temperature > 0 && weight >= 0)
        self.neighbours = neighbours
        self.temperature = temperature
        self.weight = weight
    }

    /// Parses `k:temperature:weight`, e.g. `10:0.05:1`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 3, let k = Int(parts[0]), let t = Float(parts[1]), let w = Float(parts[2]),
              k >= 1, t > 0, w >= 0 else { return nil }
        self.init(neighbours: k, temperature: t, weight: w)
    }

    /// `embeddings` (unit rows, row-aligned with `features`) moved towards the targets of
    /// their nearest `memoryFeatures` rows; `memoryTargets` are unit caption vectors.
    public func apply(embeddings: Matrix, features: Matrix, memoryFeatures: Matrix, memoryTargets: Matrix) -> Matrix {
        precondition(embeddings.rows == features.rows && memoryFeatures.rows == memoryTargets.rows)
        guard weight > 0, memoryFeatures.rows > 0 else { return embeddings }
        let similarity = LinearAlgebra.product(features.rowNormalised(), memoryFeatures.rowNormalised(), transposeB: true)
        let k = min(neighbours, memoryFeatures.rows)
        let d = embeddings.columns
        var out = embeddings
        for i in 0..<embeddings.rows {
            let row = similarity.row(i)
            // Top k by similarity, ties by index: deterministic.
            let top = RetrievalMetrics.ranking(row).prefix(k)
            let mx = row[top.first!]
            var weights = top.map { exp(Double((row[$0] - mx) / temperature)) }
            let z = weights.reduce(0, +)
            weights = weights.map { $0 / z }
            var transfer = [Float](repeating: 0, count: d)
            for (j, w) in zip(top, weights) {
                for c in 0..<d { transfer[c] += Float(w) * memoryTargets.values[j * d + c] }
            }
            let tn = transfer.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard tn > 0 else { continue }
            for c in 0..<d { out.values[i * d + c] += weight * transfer[c] / tn }
        }
        out.normaliseRows()
        return out
    }
}
