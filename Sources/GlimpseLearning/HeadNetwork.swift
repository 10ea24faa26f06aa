import Foundation

/// The trainable form of a projection head: flat parameter buffers with forward and backward passes.
///
/// Layers are dense; every layer but the last is followed by GELU and dropout; the
/// output is L2-normalised, so the backward pass goes through the normalisation.
/// All products go through OpenBLAS sgemm.
struct HeadNetwork: Sendable {
    /// Layer widths, input first: `[2280, 512, 50]` is one hidden layer.
    let widths: [Int]
    /// `[W0, b0, W1, b1, ...]`, each `W` row-major `inputs x outputs`.
    var parameters: [[Float]]

    var layerCount: Int { widths.count - 1 }

    /// Weights and biases drawn like PyTorch's `nn.Linear`: uniform in ±1/√fan-in.
    init(widths: [Int], generator: inout SeededGenerator) {
        precondition(widths.count >= 2)
        self.widths = widths
        var p: [[Float]] = []
        for l in 0..<(widths.count - 1) {
            let bound = 1 / Float(widths[l]).squareRoot()
            p.append((0..<(widths[l] * widths[l + 1])).map { _ in generator.nextFloat(in: -bound, bound) })
            p.append((0..<widths[l + 1]).map { _ in generator.nextFloat(in: -bound, bound) })
        }
        parameters = p
    }

    func weights(_ l: Int) -> DenseMatrix { DenseMatrix(rows: widths[l], columns: widths[l + 1], values: parameters[2 * l]) }

    /// What the backward pass needs from the forward pass.
    struct Trace {
        var inputs: [DenseMatrix]          // input of each layer (after dropout)
        var preActivations: [DenseMatrix]  // pre-GELU values of hidden layers
        var masks: [[Float]]          // dropout multipliers of hidden layers (empty: none)
        var output: DenseMatrix            // unit rows
        var norms: [Float]
    }

    /// Forward pass; `dropout` > 0 draws masks from `generator` (training).
    func forward(_ x: DenseMatrix, dropout: Float, generator: inout SeededGenerator) -> Trace {
        var a = x
        var inputs: [DenseMatrix] = [], pre: [DenseMatrix] = [], masks: [[Float]] = []
        for l in 0..<layerCount {
            inputs.append(a)
            var z = DenseMatrix(rows: a.rows, columns: widths[l + 1])
            let bias = parameters[2 * l + 1]
            let c = z.columns
            z.values.withUnsafeMutableBufferPointer { v in
                for i in 0..<a.rows { for j in 0..<c { v[i * c + j] = bias[j] } }
            }
            LinearAlgebra.gemm(a, weights(l), into: &z, beta: 1)
            if l == layerCount - 1 {
                a = z
            } else {
                pre.append(z)
                var h = z
                var mask: [Float] = []
                if dropout > 0 {
                    let keep = 1 - dropout, scale = 1 / (1 - dropout)
                    mask = (0..<h.values.count).map { _ in generator.nextUnitFloat() < keep ? scale : 0 }
                }
                h.values.withUnsafeMutableBufferPointer { v in
                    for k in 0..<v.count {
                        v[k] = GELU.value(v[k]) * (mask.isEmpty ? 1 : mask[k])
                    }
                }
                masks.append(mask)
                a = h
            }
        }
        var norms = [Float](repeating: 1, count: a.rows)
        let c = a.columns
        for i in 0..<a.rows {
            var s: Float = 0
            for j in 0..<c { s += a.values[i * c + j] * a.values[i * c + j] }
            let n = max(s.squareRoot(), 1e-12)
            norms[i] = n
            for j in 0..<c { a.values[i * c + j] /= n }
        }
        return Trace(inputs: inputs, preActivations: pre, masks: masks, output: a, norms: norms)
    }

    /// Gradients of the loss with respect to every parameter buffer, given `∂loss/∂output`.
    func backward(_ trace: Trace, outputGradient du: DenseMatrix) -> [[Float]] {
        let u = trace.output
        let c = u.columns
        // Through the normalisation: ∂/∂z = (du - u (u·du)) / |z|.
        var dz = du
        for i in 0..<u.rows {
            var dot: Float = 0
            for j in 0..<c { dot += u.values[i * c + j] * du.values[i * c + j] }
            for j in 0..<c { dz.values[i * c + j] = (du.values[i * c + j] - u.values[i * c + j] * dot) / trace.norms[i] }
        }
        var grads = [[Float]](repeating: [], count: parameters.count)
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            grads[2 * l] = LinearAlgebra.product(trace.inputs[l], transposeA: true, dz).values
            var db = [Float](repeating: 0, count: dz.columns)
            for i in 0..<dz.rows { for j in 0..<dz.columns { db[j] += dz.values[i * dz.columns + j] } }
            grads[2 * l + 1] = db
            if l > 0 {
                var da = LinearAlgebra.product(dz, weights(l), transposeB: true)
                let pre = trace.preActivations[l - 1]
                let mask = trace.masks[l - 1]
                da.values.withUnsafeMutableBufferPointer { v in
                    for k in 0..<v.count {
                        v[k] *= GELU.derivative(pre.values[k]) * (mask.isEmpty ? 1 : mask[k])
                    }
                }
                dz = da
            }
        }
        return grads
    }

    /// The inference head with these parameters.
    func head(input: ProjectionHead.Input, featureDimension: Int, logitDimension: Int, mean: [Float],
              inverseScale: [Float], summary: String) -> ProjectionHead {
        let layers = (0..<layerCount).map { l in
            ProjectionHead.Layer(weights: weights(l), bias: parameters[2 * l + 1],
                                 activation: l == layerCount - 1 ? .identity : .gelu)
        }
        return ProjectionHead(input: input, featureDimension: featureDimension, logitDimension: logitDimension,
                              mean: mean, inverseScale: inverseScale, layers: layers, summary: summary)
    }
}
