import GlimpseCore
import GlimpseLearning
import GlimpseVision

extension FeatureCache {
    /// Collection `name` from the cache as GlimpseLearning takes it (matrices and table rows),
    /// with the caches `views` attached as extra views of the same images.
    public func imageCollection(name: String, views: [String] = []) throws -> ImageCollection {
        let cached = try load(name: name)
        let encoded = cached.encoded
        let collection = ImageCollection(
            name: name, table: cached.table,
            features: DenseMatrix(rows: encoded.count, columns: ImageEncoder.featureCount, values: encoded.features),
            logits: DenseMatrix(rows: encoded.count, columns: ImageEncoder.classCount, values: encoded.logits))
        return try addingViews(views, to: collection)
    }

    /// `collection` with the caches `views` attached as extra views; each must hold the same files in the same order.
    public func addingViews(_ views: [String], to collection: ImageCollection) throws -> ImageCollection {
        var collection = collection
        for view in views { collection = try collection.addingView(try imageCollection(name: view)) }
        return collection
    }
}
