import Foundation
import GlimpseLearning

/// The numbers of `glimpse eval --photos`: one row per photo placement, rendered as the
/// Markdown table docs/photos.md carries.
public struct PhotoRetrievalReport: Sendable {
    public struct Row: Sendable {
        public var name: String
        /// How the vectors were made: a `PhotoPlacement`'s text, or what the space records.
        public var recipe: String
        public var retrieval: LabelQueryRetrieval
        /// `words 10 IMG among 20000` hit rate; nil where it does not apply (a hubness
        /// correction changes the ranking of queries, not an image's words).
        public var wordHitRate: Double?
    }

    /// How many photos were searched.
    public var photos: Int
    /// The queried labels and how many photos carry each.
    public var labelCounts: [String: Int]
    public var rows: [Row]

    /// The table (method, mAP, P@10, word hit rate, recipe); with `verbose` each method's
    /// numbers per label follow.
    public func render(verbose: Bool = false) -> String {
        let queried = rows.first?.retrieval.queries.count ?? 0
        var out = "\(photos) photos, \(queried) label queries (labels on at least \(PhotoRetrievalEvaluation.minimumImages) photos)\n\n"
        out += "| method | mAP | P@10 | words 10 among 20000: label found | recipe (--method) |\n"
        out += "| --- | ---: | ---: | ---: | --- |\n"
        for row in rows {
            let hits = row.wordHitRate.map { Self.format($0) } ?? "n/a"
            out += "| \(row.name) | \(Self.format(row.retrieval.meanAveragePrecision)) | \(Self.format(row.retrieval.meanPrecisionAt10)) "
                + "| \(hits) | `\(row.recipe)` |\n"
        }
        if let unknown = rows.first?.retrieval.unknownLabels, !unknown.isEmpty {
            out += "\nnot queried (no word vector): \(unknown.joined(separator: ", "))\n"
        }
        guard verbose, let first = rows.first else { return out }
        out += "\nAP / P@10 per label query\n\n| label | photos | " + rows.map(\.name).joined(separator: " | ") + " |\n"
        out += "| --- | ---: |" + String(repeating: " --- |", count: rows.count) + "\n"
        for (k, query) in first.retrieval.queries.enumerated() {
            out += "| \(query.label) | \(query.relevant) | "
            out += rows.map { row in
                let q = row.retrieval.queries[k]
                return "\(Self.format(q.averagePrecision)) / \(Self.format(q.precisionAt10))"
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func format(_ x: Double) -> String { String(format: "%.3f", x) }
}
