import Testing
@testable import GlimpseLearning

/// The analytic backward pass must match central finite differences of the loss.
@Suite struct GradientCheckTests {
    func check(loss: ContrastiveLoss, widths: [Int], dropout: Float) {
        let batch = 6
        let x = Fixtures.randomMatrix(batch, widths[0], seed: 11)
        let t = Fixtures.randomMatrix(batch, widths.last!, seed: 12).rowNormalised()
        let ids = [0, 1, 2, 2, 3, 4]  // rows 2 and 3 share a caption: masked as negatives
        var g = SeededGenerator(seed: 5)
        let network = HeadNetwork(widths: widths, generator: &g)
        func lossOf(_ n: HeadNetwork) -> Double {
            var maskGenerator = SeededGenerator(seed: 99)  // same dropout mask on every evaluation
            let trace = n.forward(x, dropout: dropout, generator: &maskGenerator)
            return loss.evaluate(u: trace.output, targets: t, captionIDs: ids).loss
        }
        var maskGenerator = SeededGenerator(seed: 99)
        let trace = network.forward(x, dropout: dropout, generator: &maskGenerator)
        let du = loss.evaluate(u: trace.output, targets: t, captionIDs: ids).gradient
        let grads = network.backward(trace, outputGradient: du)
        let eps: Float = 1e-2
        var worst = 0.0
        var checked = 0
        for k in network.parameters.indices {
            for i in network.parameters[k].indices {
                var plus = network, minus = network
                plus.parameters[k][i] += eps
                minus.parameters[k][i] -= eps
                let numeric = (lossOf(plus) - lossOf(minus)) / Double(2 * eps)
                let analytic = Double(grads[k][i])
                let error = abs(numeric - analytic) / max(1e-2, abs(numeric) + abs(analytic))
                worst = max(worst, error)
                checked += 1
            }
        }
        #expect(checked >= 24)
        #expect(worst < 2e-2, "worst relative gradient error \(worst)")
    }

    @Test func infoNCEThroughMLPWithDropout() {
        check(loss: .infoNCE(temperature: 0.1), widths: [5, 7, 4], dropout: 0.5)
    }

    @Test func infoNCEThroughLinearHead() {
        check(loss: .infoNCE(temperature: 0.1), widths: [5, 4], dropout: 0)
    }

    @Test func tripletThroughMLP() {
        // A margin above 2 keeps every hinge active, so the loss is smooth where it is probed.
        check(loss: .triplet(margin: 3, softBelow: 0.9), widths: [5, 7, 4], dropout: 0)
    }

    @Test func tagWordLossGradient() {
        let vocabulary = Fixtures.randomMatrix(7, 4, seed: 21).rowNormalised()
        let loss = TagWordLoss(vocabulary: vocabulary, temperature: 0.2)
        let u = Fixtures.randomMatrix(3, 4, seed: 22)
        let words = [[0, 3], [], [6]]  // the middle image has no words and adds nothing
        let g = loss.evaluate(u: u, words: words).gradient
        let eps: Float = 1e-2
        for k in u.values.indices {
            var plus = u, minus = u
            plus.values[k] += eps
            minus.values[k] -= eps
            let numeric = (loss.evaluate(u: plus, words: words).loss - loss.evaluate(u: minus, words: words).loss) / Double(2 * eps)
            #expect(abs(numeric - Double(g.values[k])) < 1e-3 + 1e-2 * abs(numeric), "component \(k)")
        }
        #expect(g.row(1) == [0, 0, 0, 0])
    }

    @Test func identicalCaptionsAreNotNegatives() {
        // Two rows with the same caption and the same image vector: masking makes the
        // loss equal to a batch where the duplicate is absent from each other's softmax.
        let u = DenseMatrix(rows: 3, columns: 2, values: [1, 0, 1, 0, 0, 1])
        let t = u
        let masked = ContrastiveLoss.infoNCE(temperature: 0.1).evaluate(u: u, targets: t, captionIDs: [0, 0, 1]).loss
        let unmasked = ContrastiveLoss.infoNCE(temperature: 0.1).evaluate(u: u, targets: t, captionIDs: [0, 1, 2]).loss
        #expect(masked < 1e-3)
        #expect(unmasked > 0.4)  // rows 0 and 1 each lose log 2
    }
}
