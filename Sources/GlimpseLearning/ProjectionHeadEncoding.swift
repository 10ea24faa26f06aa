/// The versioned binary form of a `ProjectionHead`, stored in the space file.
///
/// Layout (little-endian): magic "GLHD", u16 version (1), u8 input kind, u8 layer
/// count, u32 feature width, u32 logit width, u32 input width; per layer u32 inputs,
/// u32 outputs, u8 activation; u32 summary length + UTF-8 summary; float32 mean and
/// inverse scale (input width each); per layer float32 weights (inputs x outputs,
/// row-major) then bias; u32 FNV-1a checksum of everything before it.
extension ProjectionHead {
    static let magic: [UInt8] = Array("GLHD".utf8)
    static let formatVersion: UInt16 = 1

    /// The head's bytes; `init(decoding:)` reads them back exactly.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        w.append(bytes: Self.magic)
        w.append(Self.formatVersion)
        w.append(input.rawValue)
        w.append(UInt8(layers.count))
        w.append(UInt32(featureDimension))
        w.append(UInt32(logitDimension))
        w.append(UInt32(inputDimension))
        for layer in layers {
            w.append(UInt32(layer.weights.rows))
            w.append(UInt32(layer.weights.columns))
            w.append(layer.activation.rawValue)
        }
        let text = Array(summary.utf8)
        w.append(UInt32(text.count))
        w.append(bytes: text)
        w.append(mean)
        w.append(inverseScale)
        for layer in layers {
            w.append(layer.weights.values)
            w.append(layer.bias)
        }
        w.append(fnv1a32(w.bytes))
        return w.bytes
    }

    /// Decodes a head; throws `LearningError.corrupt` on any malformed or damaged input.
    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw LearningError.corrupt("projection head: \(bytes.count) bytes is too short") }
        let stored = ByteReader(Array(bytes.suffix(4)), what: "projection head")
        var checksumReader = stored
        let checksum = try checksumReader.uint32("checksum")
        let body = Array(bytes.dropLast(4))
        var r = ByteReader(body, what: "projection head")
        guard Array(try r.take(4, "magic")) == Self.magic else {
            throw LearningError.corrupt("projection head: bad magic (not a Glimpse head)")
        }
        let version = try r.uint16("version")
        guard version == Self.formatVersion else {
            throw LearningError.corrupt("projection head: unsupported version \(version) (this build reads \(Self.formatVersion))")
        }
        guard fnv1a32(body) == checksum else { throw LearningError.corrupt("projection head: checksum mismatch") }
        guard let input = Input(rawValue: try r.uint8("input kind")) else {
            throw LearningError.corrupt("projection head: unknown input kind")
        }
        let layerCount = Int(try r.uint8("layer count"))
        let featureDimension = Int(try r.uint32("feature width"))
        let logitDimension = Int(try r.uint32("logit width"))
        let inputDimension = Int(try r.uint32("input width"))
        let expectedInput = featureDimension + (input == .featuresAndProbabilities ? logitDimension : 0)
        guard layerCount > 0, inputDimension == expectedInput, inputDimension > 0 else {
            throw LearningError.corrupt("projection head: inconsistent widths")
        }
        var shapes: [(Int, Int, Layer.Activation)] = []
        var previous = inputDimension
        for k in 0..<layerCount {
            let i = Int(try r.uint32("layer \(k) inputs"))
            let o = Int(try r.uint32("layer \(k) outputs"))
            guard let a = Layer.Activation(rawValue: try r.uint8("layer \(k) activation")) else {
                throw LearningError.corrupt("projection head: unknown activation in layer \(k)")
            }
            guard i == previous, o > 0, i <= 1 << 20, o <= 1 << 20 else {
                throw LearningError.corrupt("projection head: layer \(k) is \(i)x\(o), does not chain")
            }
            shapes.append((i, o, a))
            previous = o
        }
        let textCount = try r.count("summary length", elementSize: 1)
        guard let summary = String(validating: Array(try r.take(textCount, "summary")), as: UTF8.self) else {
            throw LearningError.corrupt("projection head: summary is not UTF-8")
        }
        let mean = try r.floats(inputDimension, "mean")
        let inverseScale = try r.floats(inputDimension, "inverse scale")
        var layers: [Layer] = []
        for (k, (i, o, a)) in shapes.enumerated() {
            let weights = try r.floats(i * o, "layer \(k) weights")
            let bias = try r.floats(o, "layer \(k) bias")
            layers.append(Layer(weights: DenseMatrix(rows: i, columns: o, values: weights), bias: bias, activation: a))
        }
        guard r.remaining == 0 else { throw LearningError.corrupt("projection head: \(r.remaining) trailing bytes") }
        self.init(input: input, featureDimension: featureDimension, logitDimension: logitDimension, mean: mean,
                  inverseScale: inverseScale, layers: layers, summary: summary)
    }
}
