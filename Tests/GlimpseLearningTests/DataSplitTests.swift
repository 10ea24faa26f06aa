import Testing
@testable import GlimpseLearning

@Suite struct DataSplitTests {
    /// 60 distinct images plus near-copies of images 0..<20 (tiny perturbations).
    func features() -> DenseMatrix {
        var m = Fixtures.randomMatrix(60, 16, seed: 4)
        let noise = Fixtures.randomMatrix(20, 16, seed: 5, scale: 1e-3)
        var copies = m.gathering(rows: Array(0..<20))
        for k in copies.values.indices { copies.values[k] += noise.values[k] }
        m = m.appending(rows: copies)
        return m
    }

    @Test func nearCopiesStayOnOneSide() {
        let f = features()
        let groups = DataSplit.nearCopyGroups(features: f, threshold: 0.995)
        for i in 0..<20 { #expect(groups[60 + i] == groups[i]) }
        #expect(Set(groups).count == 60)
        let split = DataSplit.make(features: f, fractions: (0.6, 0.2, 0.2), seed: 9)
        for i in 0..<20 { #expect(split.parts[60 + i] == split.parts[i]) }
        let test = split.indices(.test).count, train = split.indices(.train).count
        #expect(abs(test - 16) <= 2)
        #expect(abs(train - 48) <= 2)
    }

    @Test func splitIsReproducibleAndSeeded() {
        let f = features()
        let a = DataSplit.make(features: f, fractions: (0.6, 0.2, 0.2), seed: 9)
        let b = DataSplit.make(features: f, fractions: (0.6, 0.2, 0.2), seed: 9)
        let c = DataSplit.make(features: f, fractions: (0.6, 0.2, 0.2), seed: 10)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func strataKeepTheirShares() {
        let f = features()
        let strata = (0..<80).map { $0 % 4 == 0 ? 1 : 0 }
        let split = DataSplit.make(features: f, fractions: (0.5, 0.0, 0.5), seed: 1, strata: strata)
        let small = (0..<80).filter { strata[$0] == 1 }
        let heldOut = small.filter { split.parts[$0] == .test }.count
        #expect(heldOut >= 7 && heldOut <= 13)
        #expect(split.indices(.validation).isEmpty)
    }

    @Test func halvesHoldOutHalf() {
        let split = DataSplit.halves(count: 101, seed: 3, validationFraction: 0.1)
        #expect(split.indices(.test).count == 51)
        #expect(split.indices(.validation).count == 5)
        #expect(split == DataSplit.halves(count: 101, seed: 3, validationFraction: 0.1))
    }

    @Test func bytesRoundTripAndBadBytesFail() throws {
        let split = DataSplit.make(features: features(), fractions: (0.6, 0.2, 0.2), seed: 9)
        #expect(try DataSplit(decoding: split.encode()) == split)
        #expect(split.encode().count == 80)
        #expect(throws: LearningError.self) { try DataSplit(decoding: [0, 1, 7]) }
    }
}
