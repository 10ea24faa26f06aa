/// Averaging heads trained with different seeds into one head of the same form.
///
/// Two-layer heads that share their input statistics average exactly into one wider
/// head: the hidden layers sit side by side and the output layer sums their
/// contributions divided by the member count. So an ensemble costs nothing new in
/// the space file format or at query time beyond its width.
extension ProjectionHead {
    /// One head whose pre-normalisation output is the mean of the members'.
    ///
    /// Members must read the same input with the same statistics and have either one
    /// layer each (weights averaged) or two layers each (hidden layers concatenated).
    public static func ensemble(_ members: [ProjectionHead], summary: String) throws -> ProjectionHead {
        guard let first = members.first else { throw LearningError.invalidArgument("an ensemble needs members") }
        for m in members {
            guard m.input == first.input, m.mean == first.mean, m.inverseScale == first.inverseScale,
                  m.layers.count == first.layers.count, m.outputDimension == first.outputDimension else {
                throw LearningError.invalidArgument("ensemble members must share input, statistics and shape")
            }
        }
        let k = Float(members.count)
        let layers: [Layer]
        switch first.layers.count {
        case 1:
            var w = first.layers[0].weights
            var b = first.layers[0].bias
            for m in members.dropFirst() {
                for i in w.values.indices { w.values[i] += m.layers[0].weights.values[i] }
                for i in b.indices { b[i] += m.layers[0].bias[i] }
            }
            for i in w.values.indices { w.values[i] /= k }
            layers = [Layer(weights: w, bias: b.map { $0 / k }, activation: first.layers[0].activation)]
        case 2:
            let inputs = first.inputDimension, out = first.outputDimension
            let widths = members.map { $0.layers[0].weights.columns }
            let total = widths.reduce(0, +)
            var w1 = DenseMatrix(rows: inputs, columns: total)
            var b1: [Float] = []
            var w2 = DenseMatrix(rows: total, columns: out)
            var b2 = [Float](repeating: 0, count: out)
            var offset = 0
            for (m, h) in zip(members, widths) {
                guard m.layers[0].activation == first.layers[0].activation else {
                    throw LearningError.invalidArgument("ensemble members must share activations")
                }
                for i in 0..<inputs { for j in 0..<h { w1[i, offset + j] = m.layers[0].weights[i, j] } }
                b1 += m.layers[0].bias
                for i in 0..<h { for j in 0..<out { w2[offset + i, j] = m.layers[1].weights[i, j] / k } }
                for j in 0..<out { b2[j] += m.layers[1].bias[j] / k }
                offset += h
            }
            layers = [Layer(weights: w1, bias: b1, activation: first.layers[0].activation),
                      Layer(weights: w2, bias: b2, activation: first.layers[1].activation)]
        default:
            throw LearningError.invalidArgument("ensembles of \(first.layers.count)-layer heads are not supported")
        }
        return ProjectionHead(input: first.input, featureDimension: first.featureDimension, logitDimension: first.logitDimension,
                              mean: first.mean, inverseScale: first.inverseScale, layers: layers, summary: summary)
    }
}
