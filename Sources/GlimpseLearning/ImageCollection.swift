import Foundation
import GlimpseCore

/// Images of one collection with their metadata and CNN outputs, row-aligned.
///
/// GlimpseLearning takes matrices, not files: the caller builds a collection from what it
/// read (GlimpseVision's `FeatureCache` holds the features, logits and table of every
/// encoded collection).
public struct ImageCollection: Sendable {
    public var name: String
    public var files: [String]
    public var titles: [String]
    /// Tags as written in the metadata, trimmed (for emoji: the CLDR keywords).
    public var tags: [[String]]
    public var features: DenseMatrix
    public var logits: DenseMatrix?
    /// Extra views of the same images (mirrored, zoomed out, ...), row-aligned; empty by default.
    public var views: [ViewFeatures] = []

    public init(name: String, files: [String], titles: [String], tags: [[String]], features: DenseMatrix, logits: DenseMatrix?,
                views: [ViewFeatures] = []) {
        precondition(files.count == features.rows && titles.count == files.count && tags.count == files.count,
                     "metadata and features must have one row per image")
        precondition(logits == nil || logits!.rows == features.rows, "logits must have one row per image")
        self.name = name
        self.files = files
        self.titles = titles
        self.tags = tags
        self.features = features
        self.logits = logits
        for v in views { precondition(v.features.rows == features.rows, "a view must have one row per image") }
        self.views = views
    }

    public var count: Int { files.count }

    /// A collection from its image table and its CNN outputs, row-aligned (the caller reads
    /// them, e.g. from the feature cache); the table's extra columns are not kept.
    public init(name: String, table: ImageTable, features: DenseMatrix, logits: DenseMatrix?) {
        self.init(name: name, files: table.rows.map(\.file), titles: table.rows.map(\.title), tags: table.rows.map(\.tags),
                  features: features, logits: logits)
    }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> ImageCollection {
        ImageCollection(name: name, files: indices.map { files[$0] }, titles: indices.map { titles[$0] },
                        tags: indices.map { tags[$0] }, features: features.gathering(rows: indices),
                        logits: logits?.gathering(rows: indices), views: views.map { $0.gathering(rows: indices) })
    }
}
