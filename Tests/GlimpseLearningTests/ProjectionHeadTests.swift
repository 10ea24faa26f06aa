import Testing
import Foundation
@testable import GlimpseLearning

@Suite struct ProjectionHeadTests {
    func trainedHead() throws -> ProjectionHead {
        var c = InfoNCETrainer.Configuration()
        c.hiddenWidths = [6]
        c.maxEpochs = 2
        c.batchSize = 8
        return try InfoNCETrainer(configuration: c).train(Fixtures.trainingSet()).head
    }

    @Test func encodeDecodeRoundTrip() throws {
        let head = try trainedHead()
        let decoded = try ProjectionHead(decoding: head.encode())
        #expect(decoded == head)
        let data = Fixtures.trainingSet()
        let a = try head.project(features: data.features.values, logits: data.logits!.values)
        let b = try decoded.project(features: data.features.values, logits: data.logits!.values)
        #expect(a == b)
        #expect(a.count == data.count * 4)
        // Outputs are unit vectors.
        for i in 0..<data.count {
            let n = (0..<4).map { a[i * 4 + $0] * a[i * 4 + $0] }.reduce(0, +)
            #expect(abs(n - 1) < 1e-5)
        }
    }

    @Test func corruptedBytesAreErrorsNotCrashes() throws {
        let bytes = try trainedHead().encode()
        // Every truncation, and a flipped byte at many offsets, must throw.
        for n in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: LearningError.self) { try ProjectionHead(decoding: Array(bytes.prefix(n))) }
        }
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 61)) {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            #expect(throws: LearningError.self) { try ProjectionHead(decoding: damaged) }
        }
        var g = SeededGenerator(seed: 1)
        let noise = (0..<500).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        #expect(throws: LearningError.self) { try ProjectionHead(decoding: noise) }
    }

    @Test func missingLogitsAreAnError() throws {
        let head = try trainedHead()
        #expect(throws: LearningError.self) { try head.project(features: [Float](repeating: 0, count: 8), logits: nil) }
    }
}

@Suite struct ProjectionHeadEnsembleTests {
    @Test func ensembleOutputIsTheMeanOfTheMembers() throws {
        let data = Fixtures.trainingSet()
        var heads: [ProjectionHead] = []
        for seed in [UInt64(1), 2, 3] {
            var c = InfoNCETrainer.Configuration()
            c.hiddenWidths = [5]
            c.maxEpochs = 2
            c.batchSize = 8
            c.seed = seed
            heads.append(try InfoNCETrainer(configuration: c).train(data).head)
        }
        let ensemble = try ProjectionHead.ensemble(heads, summary: "three")
        #expect(ensemble.layers[0].weights.columns == 15)
        let x = try heads[0].normalisedInput(features: data.features, logits: data.logits)
        func raw(_ h: ProjectionHead) -> DenseMatrix { h.layers.reduce(x) { ProjectionHead.apply($1, to: $0) } }
        let parts = heads.map(raw)
        let whole = raw(ensemble)
        for i in whole.values.indices {
            let mean = (parts[0].values[i] + parts[1].values[i] + parts[2].values[i]) / 3
            #expect(abs(whole.values[i] - mean) < 1e-5)
        }
    }
}
