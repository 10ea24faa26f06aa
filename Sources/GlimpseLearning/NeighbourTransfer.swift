import Foundation

/// Caption transfer from the nearest training images (a non-parametric complement to
/// the head): an image's vector moves towards the caption targets of the training
/// images whose CNN features are most like its own.
///
/// `vector = normalise(head(x) + weight * normalise(sum_j w_j t_j))` over the
/// `neighbours` training images `j` with the highest feature cosine `c_j`, where
/// `w = softmax(c / temperature)`.
public struct NeighbourTransfer: Sendable, Equatable {
    /// What "nearest" compares (always by cosine).
    public enum Similarity: UInt8, Sendable {
        /// The CNN's pooled features.
        case features = 0
        /// The head's z-scored input (features and probabilities).
        case standardised = 1
        /// The head's output: neighbours in the word space.
        case head = 2
        /// The pooled features averaged over the image's views (its own alone without views).
        case viewFeatures = 3
        /// The pooled features; each memory image enters once per view (its own and the extra ones).
        case everyView = 4
    }

    public var neighbours: Int
    public var temperature: Float
    public var weight: Float
    public var similarity: Similarity

    public init(neighbours: Int = 10, temperature: Float = 0.05, weight: Float = 1, similarity: Similarity = .features) {
        precondition(neighbours >= 1 && temperature > 0 && weight >= 0)
        self.neighbours = neighbours
        self.temperature = temperature
        self.weight = weight
        self.similarity = similarity
    }

    /// Parses `k:temperature:weight[:features|standardised|head]`, e.g. `10:0.05:1`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 3 || parts.count == 4, let k = Int(parts[0]), let t = Float(parts[1]), let w = Float(parts[2]),
              k >= 1, t > 0, w >= 0 else { return nil }
        let kinds: [String: Similarity] = ["features": .features, "standardised": .standardised, "head": .head,
                                           "views": .viewFeatures, "every-view": .everyView]
        guard let similarity = parts.count == 4 ? kinds[parts[3]] : .features else { return nil }
        self.init(neighbours: k, temperature: t, weight: w, similarity: similarity)
    }

    /// The rows `transfer` compares for `collection`'s images under `head`.
    public func keys(_ collection: ImageCollection, head: ProjectionHead, averaging: ViewAveraging) throws -> DenseMatrix {
        switch similarity {
        case .features, .everyView: return collection.features
        case .standardised: return try head.normalisedInput(features: collection.features, logits: collection.logits)
        case .head: return try head.project(collection, averaging: averaging)
        case .viewFeatures:
            var sum = collection.features
            for v in collection.views { for k in sum.values.indices { sum.values[k] += v.features.values[k] } }
            return sum  // compared by cosine: the mean's direction
        }
    }

    /// `embeddings` of `collection`'s images `rows` moved towards the targets of the `memory` images.
    public func apply(embeddings: DenseMatrix, rows: [Int], memory: [Int], of collection: ImageCollection, captions: Captions,
                      head: ProjectionHead, averaging: ViewAveraging) throws -> DenseMatrix {
        let m = memory.filter { captions.hasTarget[$0] }
        let memoryImages = collection.subset(m)
        var memoryKeys = try keys(memoryImages, head: head, averaging: averaging)
        var targets = captions.targets.gathering(rows: m)
        if similarity == .everyView {
            let own = targets
            for v in memoryImages.views {
                memoryKeys = memoryKeys.appending(rows: v.features)
                targets = targets.appending(rows: own)
            }
        }
        return apply(embeddings: embeddings, features: try keys(collection.subset(rows), head: head, averaging: averaging),
                     memoryFeatures: memoryKeys, memoryTargets: targets)
    }

    /// `embeddings` (unit rows, row-aligned with `features`) moved towards the targets of
    /// their nearest `memoryFeatures` rows; `memoryTargets` are unit caption vectors.
    public func apply(embeddings: DenseMatrix, features: DenseMatrix, memoryFeatures: DenseMatrix, memoryTargets: DenseMatrix) -> DenseMatrix {
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
