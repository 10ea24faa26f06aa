import Foundation

/// A learnt map from CNN outputs into the word space: normalise, dense layers, L2-normalise.
///
/// The input is the CNN's pooled features, optionally followed by the softmax of its
/// ImageNet logits; each input column is z-scored with statistics of the training
/// images, so the head carries those statistics and needs nothing else at query time.
/// The output has the word vectors' dimension and unit length, so it compares to
/// words by cosine.
public struct ProjectionHead: Sendable, Equatable {
    /// What the head reads besides the features.
    public enum Input: UInt8, Sendable {
        /// Pooled CNN features only.
        case features = 0
        /// Pooled CNN features followed by softmax(ImageNet logits).
        case featuresAndProbabilities = 1
    }

    /// One fully connected layer, `y = act(x W + b)`, with `W` stored `inputs x outputs`.
    public struct Layer: Sendable, Equatable {
        public enum Activation: UInt8, Sendable { case identity = 0, gelu = 1 }
        public var weights: DenseMatrix
        public var bias: [Float]
        public var activation: Activation

        public init(weights: DenseMatrix, bias: [Float], activation: Activation) {
            precondition(bias.count == weights.columns, "bias must match the layer's outputs")
            self.weights = weights
            self.bias = bias
            self.activation = activation
        }
    }

    public var input: Input
    /// Width of the pooled features (1280 for EfficientNet-Lite0).
    public var featureDimension: Int
    /// Number of logits read when `input` includes probabilities (1000 for ImageNet).
    public var logitDimension: Int
    /// Per-column mean of the training inputs.
    public var mean: [Float]
    /// Per-column 1 / standard deviation of the training inputs (1 for constant columns).
    public var inverseScale: [Float]
    public var layers: [Layer]
    /// Free text: how the head was trained, for `glimpse info` and for people.
    public var summary: String

    public init(input: Input, featureDimension: Int, logitDimension: Int, mean: [Float],
                inverseScale: [Float], layers: [Layer], summary: String) {
        let width = featureDimension + (input == .featuresAndProbabilities ? logitDimension : 0)
        precondition(mean.count == width && inverseScale.count == width, "statistics must cover the input")
        precondition(!layers.isEmpty && layers[0].weights.rows == width, "first layer must read the input")
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.weights.columns == b.weights.rows, "layer widths must chain")
        }
        self.input = input
        self.featureDimension = featureDimension
        self.logitDimension = logitDimension
        self.mean = mean
        self.inverseScale = inverseScale
        self.layers = layers
        self.summary = summary
    }

    /// Width of the normalised input vector.
    public var inputDimension: Int { mean.count }
    /// Width of the output (the word vectors' dimension).
    public var outputDimension: Int { layers[layers.count - 1].weights.columns }

    // MARK: Inference

    /// Projects a batch: `features` is `n x featureDimension`, `logits` `n x logitDimension`
    /// (required when the head reads probabilities, ignored otherwise). Returns `n x output`
    /// row-normalised.
    public func project(features: DenseMatrix, logits: DenseMatrix?) throws -> DenseMatrix {
        let x = try normalisedInput(features: features, logits: logits)
        var h = x
        for layer in layers { h = Self.apply(layer, to: h) }
        h.normaliseRows()
        return h
    }

    /// Projects a batch given as flat row-major arrays; returns the flat `n x output` result.
    public func project(features: [Float], logits: [Float]?) throws -> [Float] {
        guard featureDimension > 0, features.count % featureDimension == 0 else {
            throw LearningError.badInput("feature count \(features.count) is not a multiple of \(featureDimension)")
        }
        let n = features.count / featureDimension
        let f = DenseMatrix(rows: n, columns: featureDimension, values: features)
        var l: DenseMatrix? = nil
        if let logits {
            guard logits.count == n * logitDimension else {
                throw LearningError.badInput("expected \(n * logitDimension) logits, got \(logits.count)")
            }
            l = DenseMatrix(rows: n, columns: logitDimension, values: logits)
        }
        return try project(features: f, logits: l).values
    }

    /// The z-scored input matrix the first layer reads (used by training, too).
    public func normalisedInput(features: DenseMatrix, logits: DenseMatrix?) throws -> DenseMatrix {
        try Self.rawInput(input, features: features, logits: logits, featureDimension: featureDimension,
                          logitDimension: logitDimension)
            .standardised(mean: mean, inverseScale: inverseScale)
    }

    /// Features, or features followed by softmax(logits), before normalisation.
    static func rawInput(_ input: Input, features: DenseMatrix, logits: DenseMatrix?, featureDimension: Int,
                         logitDimension: Int) throws -> DenseMatrix {
        guard features.columns == featureDimension else {
            throw LearningError.badInput("features have \(features.columns) columns, the head reads \(featureDimension)")
        }
        guard input == .featuresAndProbabilities else { return features }
        guard let logits else { throw LearningError.badInput("this head needs the ImageNet logits too") }
        guard logits.columns == logitDimension, logits.rows == features.rows else {
            throw LearningError.badInput("logits are \(logits.rows)x\(logits.columns), expected \(features.rows)x\(logitDimension)")
        }
        return features.concatenating(columns: softmaxRows(logits))
    }

    static func apply(_ layer: Layer, to x: DenseMatrix) -> DenseMatrix {
        var y = DenseMatrix(rows: x.rows, columns: layer.weights.columns)
        for i in 0..<x.rows { for j in 0..<y.columns { y.values[i * y.columns + j] = layer.bias[j] } }
        LinearAlgebra.gemm(x, layer.weights, into: &y, beta: 1)
        if layer.activation == .gelu {
            for i in y.values.indices { y.values[i] = GELU.value(y.values[i]) }
        }
        return y
    }
}

/// Row-wise softmax, computed stably (max subtracted).
func softmaxRows(_ m: DenseMatrix) -> DenseMatrix {
    var out = m
    let c = m.columns
    for i in 0..<m.rows {
        var mx = -Float.infinity
        for j in 0..<c { mx = max(mx, m.values[i * c + j]) }
        var s: Float = 0
        for j in 0..<c {
            let e = expf(m.values[i * c + j] - mx)
            out.values[i * c + j] = e
            s += e
        }
        for j in 0..<c { out.values[i * c + j] /= s }
    }
    return out
}

extension DenseMatrix {
    /// `(x - mean) * inverseScale` column-wise.
    func standardised(mean: [Float], inverseScale: [Float]) -> DenseMatrix {
        precondition(mean.count == columns && inverseScale.count == columns)
        var out = self
        let c = columns
        out.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
                for j in 0..<c { v[i * c + j] = (v[i * c + j] - mean[j]) * inverseScale[j] }
            }
        }
        return out
    }

    /// Column means and inverse standard deviations (population); constant columns get 1.
    func columnStatistics() -> (mean: [Float], inverseScale: [Float]) {
        var mean = [Double](repeating: 0, count: columns)
        var sq = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns {
                let v = Double(values[i * columns + j])
                mean[j] += v
                sq[j] += v * v
            }
        }
        let n = Double(max(rows, 1))
        var inv = [Float](repeating: 1, count: columns)
        var mu = [Float](repeating: 0, count: columns)
        for j in 0..<columns {
            let m = mean[j] / n
            let variance = max(sq[j] / n - m * m, 0)
            mu[j] = Float(m)
            // Constant columns (e.g. a dead feature) carry no signal; leave them unscaled.
            inv[j] = variance > 1e-12 ? Float(1 / variance.squareRoot()) : 1
        }
        return (mu, inv)
    }
}

/// GELU with the exact (erf) form and its derivative.
enum GELU {
    static func value(_ x: Float) -> Float { 0.5 * x * (1 + erff(x * 0.70710678)) }
    static func derivative(_ x: Float) -> Float {
        0.5 * (1 + erff(x * 0.70710678)) + x * 0.39894228 * expf(-0.5 * x * x)
    }
}
