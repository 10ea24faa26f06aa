import Testing
@testable import GlimpseLearning

@Suite struct SplitMeansTests {
    func report(ap: Double, ranks: [Int]) -> EvaluationReport {
        let tags = [TagQueryResult(word: "cat", relevant: 5, averagePrecision: ap, precisionAt10: ap / 2)]
        let names = ranks.enumerated().map { NameQueryResult(name: "n\($0.offset)", file: "f", rank: $0.element) }
        return EvaluationReport(title: "", sections: [
            EvaluationSection(collection: "clipart", candidates: 10, tagQueries: tags, nameQueries: []),
            EvaluationSection(collection: "emoji", candidates: 4, tagQueries: [], nameQueries: names),
        ])
    }

    @Test func meansAndRangesPerCollection() {
        let text = SplitMeans(title: "t", reports: [report(ap: 0.4, ranks: [0, 20]), report(ap: 0.6, ranks: [3, 9])]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // mAP 0.4 and 0.6; P@10 0.2 and 0.3; no name queries.
        #expect(lines[2].hasPrefix("clipart") && lines[2].contains("0.500 (0.400-0.600)") && lines[2].contains("0.250 (0.200-0.300)"))
        #expect(lines[2].hasSuffix("-"))
        // R@1: 1/2 then 0; R@5: 1/2 then 1/2; R@10: 1/2 then 1.
        #expect(lines[3].hasPrefix("emoji") && lines[3].contains("0.250 (0.000-0.500)") && lines[3].contains("0.500 (0.500-0.500)")
                && lines[3].hasSuffix("0.750 (0.500-1.000)"))
    }
}
