import Testing
@testable import GlimpseLearning

@Suite struct RetrievalMetricsTests {
    @Test func averagePrecisionOfAKnownRanking() {
        // Ranking: a(rel) b c(rel) d e(rel): AP = (1/1 + 2/3 + 3/5) / 3.
        let scores: [Float] = [0.9, 0.8, 0.7, 0.6, 0.5]
        let relevant = [true, false, true, false, true]
        let ap = RetrievalMetrics.averagePrecision(scores: scores, relevant: relevant)
        #expect(abs(ap - (1 + 2.0 / 3 + 3.0 / 5) / 3) < 1e-12)
        #expect(RetrievalMetrics.precision(at: 2, scores: scores, relevant: relevant) == 0.5)
        #expect(abs(RetrievalMetrics.precision(at: 10, scores: scores, relevant: relevant) - 0.3) < 1e-12)
    }

    @Test func topIsTheRankingsPrefix() {
        var generator = SeededGenerator(seed: 7)
        for n in [0, 1, 5, 40] {
            // Few distinct values, so ties are common.
            let scores = (0..<n).map { _ in Float(Int.random(in: 0..<6, using: &generator)) }
            for k in [1, 3, 10, 50] {
                #expect(RetrievalMetrics.top(k, scores) == Array(RetrievalMetrics.ranking(scores).prefix(k)), "n \(n), k \(k)")
            }
        }
    }

    @Test func tiesBreakByIndexAndRanksCountStrictlyHigher() {
        let scores: [Float] = [0.5, 0.9, 0.5, 0.1]
        #expect(RetrievalMetrics.ranking(scores) == [1, 0, 2, 3])
        #expect(RetrievalMetrics.rank(of: 2, scores: scores) == 1)
        #expect(RetrievalMetrics.rank(of: 3, scores: scores) == 3)
        // Relevant item tied with an irrelevant one of lower index ranks second.
        #expect(RetrievalMetrics.averagePrecision(scores: [1, 1], relevant: [false, true]) == 0.5)
        #expect(RetrievalMetrics.averagePrecision(scores: [1, 1], relevant: [false, false]) == 0)
    }

    @Test func tagAndNameQueriesOnATinySpace() {
        let words = WordVectors(words: ["cat", "dog", "sun"],
                                vectors: DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, -1, 0]))
        // Candidates: two cat-like, one dog-like.
        let e = DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0.9, 0.1, 0, 1]).rowNormalised()
        let tags = Evaluation.tagQueries(embeddings: e, queryWords: [["cat"], ["cat", "dog"], ["dog"]], words: words,
                                         minimumRelevant: 2)
        #expect(tags.map(\.word) == ["cat", "dog"])
        #expect(tags[0].averagePrecision == 1)
        #expect(abs(tags[1].averagePrecision - (1 + 2.0 / 2) / 2) < 1e-12)
        let names = Evaluation.nameQueries(embeddings: e, names: ["cat", "sun", "dog"], files: ["a", "b", "c"], words: words)
        #expect(names.map(\.rank) == [0, 1, 0])
        let section = EvaluationSection(collection: "toy", candidates: 3, tagQueries: tags, nameQueries: names)
        #expect(abs(section.recall(at: 1) - 2.0 / 3) < 1e-12)
        let text = EvaluationReport(title: "toy", sections: [section]).render(verbose: true)
        #expect(text.contains("toy"))
        #expect(text.contains("cat"))
    }
}
