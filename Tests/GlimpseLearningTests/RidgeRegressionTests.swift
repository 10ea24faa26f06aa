import Testing
@testable import GlimpseLearning

@Suite struct RidgeRegressionTests {
    @Test func recoversAKnownLinearMap() throws {
        let x = Fixtures.randomMatrix(300, 12, seed: 1, scale: 2)
        let w = Fixtures.randomMatrix(12, 3, seed: 2)
        var y = LinearAlgebra.product(x, w)
        for i in 0..<y.rows { y[i, 0] += 0.5; y[i, 2] -= 1 }  // a bias, which ridge must not penalise
        let data = TrainingSet(features: x, logits: nil, targets: y)
        let head = try RidgeRegression.fit(data, input: .features, penalty: 1e-4)
        let predicted = ProjectionHead.apply(head.layers[0], to: try head.normalisedInput(features: x, logits: nil))
        let worst = zip(predicted.values, y.values).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-3, "worst error \(worst)")
    }

    @Test func largerPenaltyShrinksWeights() throws {
        let data = Fixtures.trainingSet()
        let heads = try RidgeRegression.fit(data, input: .featuresAndProbabilities, penalties: [0.1, 1000])
        func norm(_ h: ProjectionHead) -> Float { h.layers[0].weights.values.reduce(0) { $0 + $1 * $1 } }
        #expect(norm(heads[1]) < norm(heads[0]))
        #expect(heads[0].inputDimension == 13)
    }
}
