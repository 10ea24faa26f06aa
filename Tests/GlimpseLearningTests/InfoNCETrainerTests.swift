import Testing
@testable import GlimpseLearning

@Suite struct InfoNCETrainerTests {
    func configuration(seed: UInt64) -> InfoNCETrainer.Configuration {
        var c = InfoNCETrainer.Configuration()
        c.hiddenWidths = [16]
        c.batchSize = 16
        c.maxEpochs = 6
        c.patience = 3
        c.minimumEpochs = 0
        c.seed = seed
        return c
    }

    @Test func sameSeedGivesSameBytes() throws {
        let data = Fixtures.trainingSet()
        let score: (ProjectionHead) throws -> Double = { head in
            let u = try head.project(features: data.features, logits: data.logits)
            return Double(zip(u.values, data.targets.values).map { $0 * $1 }.reduce(0, +))
        }
        let a = try InfoNCETrainer(configuration: configuration(seed: 7)).train(data, validation: score)
        let b = try InfoNCETrainer(configuration: configuration(seed: 7)).train(data, validation: score)
        let c = try InfoNCETrainer(configuration: configuration(seed: 8)).train(data, validation: score)
        #expect(a.head.encode() == b.head.encode())
        #expect(a.epochs == b.epochs)
        #expect(a.head.encode() != c.head.encode())
    }

    @Test func trainingLowersTheLoss() throws {
        let data = Fixtures.trainingSet(rows: 64)
        var c = configuration(seed: 1)
        c.maxEpochs = 40
        c.dropout = 0
        c.learningRate = 1e-2
        let result = try InfoNCETrainer(configuration: c).train(data)
        #expect(result.epochs.count == 40)
        #expect(result.epochs.last!.trainingLoss < result.epochs.first!.trainingLoss * 0.8)
    }

    @Test func earlyStoppingKeepsTheBestEpoch() throws {
        let data = Fixtures.trainingSet()
        var c = configuration(seed: 2)
        c.maxEpochs = 30
        // A score that peaks at epoch 3 forces a stop at epoch 3 + patience.
        var calls = 0
        let result = try InfoNCETrainer(configuration: c).train(data, validation: { _ in
            calls += 1
            return -Double(abs(calls - 3))
        })
        #expect(result.bestEpoch == 3)
        #expect(result.epochs.count == 3 + c.patience)
    }

    @Test func minimumEpochsIgnoreEarlyPeaks() throws {
        var c = configuration(seed: 2)
        c.maxEpochs = 30
        c.minimumEpochs = 5
        var calls = 0
        let result = try InfoNCETrainer(configuration: c).train(Fixtures.trainingSet(), validation: { _ in
            calls += 1
            return -Double(abs(calls - 3))
        })
        #expect(result.bestEpoch == 5)
        #expect(result.epochs.count == 5 + c.patience)
    }
}
