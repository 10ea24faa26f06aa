import Foundation

/// CNN outputs of one extra view of every image of a collection (mirrored, zoomed out,
/// another framing), row-aligned with the collection's own features.
public struct ViewFeatures: Sendable {
    /// The view's name (e.g. the feature cache suffix `-fit-view-flip`).
    public var name: String
    public var features: DenseMatrix
    public var logits: DenseMatrix?

    public init(name: String, features: DenseMatrix, logits: DenseMatrix?) {
        precondition(logits == nil || logits!.rows == features.rows, "logits must have one row per image")
        self.name = name
        self.features = features
        self.logits = logits
    }

    func gathering(rows indices: [Int]) -> ViewFeatures {
        ViewFeatures(name: name, features: features.gathering(rows: indices), logits: logits?.gathering(rows: indices))
    }
}

/// How several views of one image become its one vector (test-time augmentation).
public enum ViewAveraging: String, Sendable, CaseIterable {
    /// The collection's own view only; extra views are ignored.
    case none
    /// The mean of the head's unit outputs over the views, normalised again.
    case outputs
    /// The head applied once to the mean features and mean logits of the views.
    case inputs
}

extension ImageCollection {
    /// The collection with `view` (the same images seen another way: mirrored, zoomed out)
    /// attached as an extra view; it must hold the same files in the same order.
    public func addingView(_ view: ImageCollection) throws -> ImageCollection {
        guard view.files == files else {
            throw LearningError.badInput("the view \(view.name) does not hold the same images, in the same order, as \(name)")
        }
        var copy = self
        copy.views.append(ViewFeatures(name: view.name, features: view.features, logits: view.logits))
        return copy
    }

    /// Every view's features and logits, the collection's own first.
    public var allViews: [ViewFeatures] {
        [ViewFeatures(name: name, features: features, logits: logits)] + views
    }
}

extension ProjectionHead {
    /// Unit vectors of images seen through several views (`views[0]` usually the
    /// collection's own), combined by `averaging`; one view is plain `project`.
    public func project(views: [ViewFeatures], averaging: ViewAveraging) throws -> DenseMatrix {
        guard let first = views.first else { throw LearningError.invalidArgument("no views to project") }
        if averaging == .none || views.count == 1 { return try project(features: first.features, logits: first.logits) }
        for v in views {
            guard v.features.rows == first.features.rows, v.features.columns == first.features.columns,
                  (v.logits == nil) == (first.logits == nil) else {
                throw LearningError.badInput("views must have the same shape")
            }
        }
        let k = Float(views.count)
        switch averaging {
        case .none:
            fatalError("handled above")
        case .outputs:
            var sum = try project(features: first.features, logits: first.logits)
            for v in views.dropFirst() {
                let p = try project(features: v.features, logits: v.logits)
                for i in sum.values.indices { sum.values[i] += p.values[i] }
            }
            sum.normaliseRows()
            return sum
        case .inputs:
            var f = first.features
            var l = first.logits
            for v in views.dropFirst() {
                for i in f.values.indices { f.values[i] += v.features.values[i] }
                if let vl = v.logits { for i in l!.values.indices { l!.values[i] += vl.values[i] } }
            }
            for i in f.values.indices { f.values[i] /= k }
            if l != nil { for i in l!.values.indices { l!.values[i] /= k } }
            return try project(features: f, logits: l)
        }
    }

    /// `collection`'s images through this head, its views combined by `averaging`.
    public func project(_ collection: ImageCollection, averaging: ViewAveraging) throws -> DenseMatrix {
        try project(views: collection.allViews, averaging: averaging)
    }
}
