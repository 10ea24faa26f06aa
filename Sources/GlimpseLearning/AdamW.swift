import Foundation

/// AdamW (Loshchilov & Hutter): Adam with weight decay applied to the weights, not through the gradient.
///
/// Parameters are a list of flat buffers; `decays[k]` says whether buffer `k` is
/// decayed (weights yes, biases no).
public struct AdamW: Sendable {
    public var learningRate: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    public var weightDecay: Float
    private var m: [[Float]]
    private var v: [[Float]]
    private var step = 0

    public init(shapes: [Int], learningRate: Float, weightDecay: Float) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        m = shapes.map { [Float](repeating: 0, count: $0) }
        v = shapes.map { [Float](repeating: 0, count: $0) }
    }

    /// One update of every buffer from its gradient.
    public mutating func update(_ parameters: inout [[Float]], gradients: [[Float]], decays: [Bool]) {
        step += 1
        let c1 = 1 - powf(beta1, Float(step))
        let c2 = 1 - powf(beta2, Float(step))
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        for k in parameters.indices {
            let decay = decays[k] ? 1 - lr * weightDecay : 1
            parameters[k].withUnsafeMutableBufferPointer { p in
                gradients[k].withUnsafeBufferPointer { g in
                    m[k].withUnsafeMutableBufferPointer { mk in
                        v[k].withUnsafeMutableBufferPointer { vk in
                            for i in 0..<p.count {
                                mk[i] = b1 * mk[i] + (1 - b1) * g[i]
                                vk[i] = b2 * vk[i] + (1 - b2) * g[i] * g[i]
                                let update = (mk[i] / c1) / ((vk[i] / c2).squareRoot() + eps)
                                p[i] = p[i] * decay - lr * update
                            }
                        }
                    }
                }
            }
        }
    }
}
