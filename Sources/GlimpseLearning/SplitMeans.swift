/// The same protocol over several random splits: per collection, the mean of each
/// metric and its range, because one random half moves mAP by a few hundredths.
public struct SplitMeans: Sendable {
    public var title: String
    /// One report per split, with the same collections in the same order.
    public var reports: [EvaluationReport]

    public init(title: String, reports: [EvaluationReport]) {
        precondition(!reports.isEmpty && reports.allSatisfy { $0.sections.map(\.collection) == reports[0].sections.map(\.collection) },
                     "every split reports the same collections")
        self.title = title
        self.reports = reports
    }

    /// The metric of every split for collection `k`, or nil where a split has no such queries.
    private func values(_ k: Int, _ metric: (EvaluationSection) -> Double?) -> [Double] {
        reports.compactMap { metric($0.sections[k]) }
    }

    public func render() -> String {
        var out = "\(title)\n"
        out += pad("collection", 16) + pad("splits", 7, right: true)
        for name in ["mAP", "P@10", "R@1", "R@5", "R@10"] { out += pad(name, 20, right: true) }
        out += "\n"
        let metrics: [(EvaluationSection) -> Double?] = [
            { $0.tagQueries.isEmpty ? nil : $0.meanAveragePrecision },
            { $0.tagQueries.isEmpty ? nil : $0.precisionAt10 },
            { $0.nameQueries.isEmpty ? nil : $0.recall(at: 1) },
            { $0.nameQueries.isEmpty ? nil : $0.recall(at: 5) },
            { $0.nameQueries.isEmpty ? nil : $0.recall(at: 10) },
        ]
        for (k, section) in reports[0].sections.enumerated() {
            out += pad(section.collection, 16) + pad("\(reports.count)", 7, right: true)
            for metric in metrics {
                let v = values(k, metric)
                let cell = v.isEmpty ? "-" : "\(f3(mean(v))) (\(f3(v.min()!))-\(f3(v.max()!)))"
                out += pad(cell, 20, right: true)
            }
            out += "\n"
        }
        return out
    }
}
