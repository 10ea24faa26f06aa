import GlimpseCore
import GlimpseLearning

extension TransferMemory {
    /// The memory of `model`'s collection from the space alone: its stored vectors as keys
    /// and the caption targets of its tags (nil when the space holds no such collection).
    /// Needs no feature cache; docs/photos.md measured it below the features' memory.
    public static func storedVectors(of space: Space, info: ImageModelInfo, model: CollectionModel, words: WordVectors) -> TransferMemory? {
        var start = 0
        guard let entry = info.collections.first(where: { entry in
            defer { if entry.name != model.name { start += entry.count } }
            return entry.name == model.name
        }), start + entry.count <= space.imageCount else { return nil }
        let rows = Array(start..<(start + entry.count))
        let records = rows.map { space.image(at: $0) }
        let described = ImageCollection(
            name: model.name, files: records.map(\.file), titles: records.map(\.title), tags: records.map(\.tags),
            features: DenseMatrix(rows: rows.count, columns: 0), logits: nil)
        let captions = Captions(collection: described, source: model.captionSource, words: words)
        let kept = (0..<rows.count).filter { captions.hasTarget[$0] }
        var keys = DenseMatrix(rows: kept.count, columns: space.dimension)
        for (i, k) in kept.enumerated() {
            let row = space.imageVectors.row(rows[k])
            for j in 0..<space.dimension { keys[i, j] = row[j] }
        }
        return TransferMemory(keyKind: .vectors, keys: keys, targets: captions.targets.gathering(rows: kept))
    }
}
