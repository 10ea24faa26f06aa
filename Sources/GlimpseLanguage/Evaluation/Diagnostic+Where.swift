import GlimpseCore

/// The errors of a `where` condition that asks what a space does not record: one text for every
/// place that chooses rows by a condition (a space file's `RowSet`s, a database's SQL).
extension Diagnostic {
    /// `collection` in a space that does not say which collection each image came in.
    public static func noCollections(_ comparison: Comparison) -> Diagnostic {
        Diagnostic(.noCollections, "this space does not say which collection each image came in", at: comparison.fieldRange,
                   notes: ["spaces made by 'glimpse build' do"])
    }

    /// `collection = "name"` (or `!=`) naming none of `collections`.
    public static func unknownCollection(_ comparison: Comparison, collections: [String]) -> Diagnostic {
        let name = if case .text(let text) = comparison.value { text } else { "" }
        return Diagnostic(.unknownCollection, "no collection is named '\(name)'", at: comparison.valueRange,
                          notes: ["the collections are " + collections.map { "'\($0)'" }.joined(separator: ", ")])
    }

    /// A file fact (`date`, `size`, `camera`...) in a space without them.
    public static func noFileFacts(_ comparison: Comparison) -> Diagnostic {
        let what = switch comparison.field {
        case .date: "dates"
        case .modified: "modification times"
        case .size: "file sizes"
        case .camera: "cameras"
        default: "pixel sizes"
        }
        return Diagnostic(.noFileFacts, "this space has no \(what) for its images; spaces made by 'glimpse index' have them",
                          at: comparison.fieldRange)
    }
}
