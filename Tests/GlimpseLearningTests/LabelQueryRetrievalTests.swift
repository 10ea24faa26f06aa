import Testing
@testable import GlimpseLearning

@Suite struct LabelQueryRetrievalTests {
    /// Three words in 2-d: cat (1, 0), dog (0, 1), sun (-1, 0).
    static let words = WordVectors(words: ["cat", "dog", "sun"], vectors: DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, -1, 0]))

    @Test func labelsWithEnoughImagesAreQueriesRankedByCosine() {
        // Five images; cat on 0, 1 and 3 (3 ranks below the dog image 2 for "cat"); dog on 2 and 4 (too few with minimum 3).
        let images = DenseMatrix(rows: 5, columns: 2, values: [1, 0, 0.9, 0.1, 0.6, 0.4, 0.1, 0.9, -1, 0])
        let labels = [["cat"], ["cat"], ["dog"], ["cat", "cat"], ["dog", "sun", "sun"]]
        let retrieval = LabelQueryRetrieval(images: images, labels: labels, words: Self.words, minimumImages: 3)
        #expect(retrieval.queries.map(\.label) == ["cat"])
        let cat = retrieval.queries[0]
        #expect(cat.relevant == 3)  // a label twice on one image counts once
        // Ranking for cat: 0, 1, 2 (dog), 3, 4: AP = (1 + 1 + 3/4) / 3, P@10 = 3/10.
        #expect(abs(cat.averagePrecision - (2 + 0.75) / 3) < 1e-9)
        #expect(abs(cat.precisionAt10 - 0.3) < 1e-9)
        #expect(abs(retrieval.meanAveragePrecision - cat.averagePrecision) < 1e-12)

        let two = LabelQueryRetrieval(images: images, labels: labels, words: Self.words, minimumImages: 2)
        #expect(two.queries.map(\.label) == ["cat", "dog"])
        // Ranking for dog: 3 (0.99), 2 (0.55), 1, 0, 4: dog images 2 and 4 at ranks 2 and 5.
        #expect(abs(two.queries[1].averagePrecision - (0.5 + 0.4) / 2) < 1e-9)
        #expect(abs(two.meanPrecisionAt10 - (0.3 + 0.2) / 2) < 1e-9)
    }

    @Test func labelsWithoutAWordVectorAreReportedNotQueried() {
        let images = DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 1])
        let retrieval = LabelQueryRetrieval(images: images, labels: [["cat", "zebra"], ["zebra"]], words: Self.words, minimumImages: 1)
        #expect(retrieval.queries.map(\.label) == ["cat"])
        #expect(retrieval.unknownLabels == ["zebra"])
        let none = LabelQueryRetrieval(images: images, labels: [[], []], words: Self.words)
        #expect(none.queries.isEmpty && none.meanAveragePrecision == 0)
    }

    @Test func aPenaltyDemotesAHubImage() {
        // Image 0 is nearest "cat" but penalised as a hub; image 1 (a cat) then ranks first.
        let images = DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0.8, 0.6])
        let labels = [["dog"], ["cat"]]
        let plain = LabelQueryRetrieval(images: images, labels: labels, words: Self.words, minimumImages: 1)
        #expect(plain.queries.first { $0.label == "cat" }?.averagePrecision == 0.5)
        let corrected = LabelQueryRetrieval(images: images, labels: labels, words: Self.words, minimumImages: 1, penalty: [1, 0])
        #expect(corrected.queries.first { $0.label == "cat" }?.averagePrecision == 1)
    }

    @Test func hubnessPenaltyIsTheMeanCosineToTheNearestWords() {
        let images = DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 2])
        let penalty = HubnessCorrection.penalty(images: images, words: Self.words, neighbours: 2)
        // Image 0: cosines 1 (cat), 0 (dog), -1 (sun): mean of the top two 0.5. Image 1: 0, 1, 0: 0.5.
        #expect(penalty == [0.5, 0.5])
        #expect(HubnessCorrection.penalty(images: images, words: Self.words, neighbours: 1, among: 1) == [1, 0])
    }

    @Test func wordHitRateCountsImagesWhoseLabelIsAmongTheirNearestWords() {
        let images = DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, 0.1, 1])
        // Image 0 (cat): nearest word cat, a hit. Image 1 (cat): nearest dog, a miss at k 1.
        // Image 2 carries no queried label and is not counted.
        let labels = [["cat"], ["cat"], ["sun"]]
        let one = LabelQueryRetrieval.wordHitRate(images: images, labels: labels, queried: ["cat"], words: Self.words, k: 1)
        #expect(one == 0.5)
        // At k 2 image 1 also has cat: cosine 0 ties with sun, and the lower index ranks first.
        let two = LabelQueryRetrieval.wordHitRate(images: images, labels: labels, queried: ["cat"], words: Self.words, k: 2)
        #expect(two == 1)
        // Among the first word only (cat), every counted image finds it.
        #expect(LabelQueryRetrieval.wordHitRate(images: images, labels: labels, queried: ["cat"], words: Self.words, k: 1, among: 1) == 1)
    }
}
