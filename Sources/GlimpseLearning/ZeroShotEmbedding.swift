/// The zero-shot image vector: ImageNet class-name vectors weighted by the class probabilities (ConSE).
///
/// It needs no training and reads only the CNN's logits, so it stays sensible on
/// photos, which lie outside the clip-art and emoji the heads were trained on.
/// Following Norouzi et al. (ConSE), only the `top` most probable classes count.
public struct ZeroShotEmbedding: Sendable {
    /// `classes x d`: the unit vector of each class (zero when no word of it is known).
    public var classVectors: DenseMatrix
    public var top: Int

    /// Class vectors from class names (one per logit, in logit order).
    public init(classNames: [String], words: WordVectors, top: Int = 10) {
        self.init(classes: classNames.map { [$0] }, words: words, top: top)
    }

    /// How much each step up the hypernym chain counts, relative to the step below.
    public static let hypernymDecay: Float = 0.5
    /// How many hypernyms count besides the class name.
    public static let hypernymDepth = 3

    /// Class vectors from each class's name followed by its hypernyms, nearest first
    /// ("German shepherd", "shepherd dog", "working dog", "dog", ...): the normalised
    /// sum of the phrase vectors of the name and its first `hypernymDepth` hypernyms,
    /// weighted 1, 1/2, 1/4, ... (docs/learning.md measured it: the name alone puts a
    /// German shepherd among nationality words, the chain brings "dog").
    public init(classes: [[String]], words: WordVectors, top: Int = 10) {
        var m = DenseMatrix(rows: classes.count, columns: words.dimension)
        for (i, chain) in classes.enumerated() {
            var weight: Float = 1
            for (step, name) in chain.prefix(Self.hypernymDepth + 1).enumerated() {
                defer { weight *= Self.hypernymDecay }
                // ImageNet short names may list synonyms ("tabby, tabby cat"): the first one is the usual name.
                let first = name.split(separator: ",").first.map(String.init) ?? name
                guard let v = words.phraseVector(first) ?? (step == 0 ? words.phraseVector(name) : nil) else { continue }
                for j in 0..<words.dimension { m[i, j] += weight * v[j] }
            }
        }
        m.normaliseRows()
        classVectors = m
        self.top = top
    }

    /// Class vectors given directly (`classes x d`, one row per logit).
    public init(classVectors: DenseMatrix, top: Int = 10) {
        self.classVectors = classVectors
        self.top = top
    }

    /// Unit zero-shot vector of one image's logits.
    public func embed(logits: [Float]) -> [Float] {
        embed(logits: DenseMatrix(rows: 1, columns: logits.count, values: logits)).values
    }

    /// Unit zero-shot vectors for a batch of logits (`n x classes`).
    public func embed(logits: DenseMatrix) -> DenseMatrix {
        precondition(logits.columns == classVectors.rows, "one logit per class")
        let p = softmaxRows(logits)
        let d = classVectors.columns
        var out = DenseMatrix(rows: logits.rows, columns: d)
        for i in 0..<logits.rows {
            let order = (0..<p.columns).sorted { p[i, $0] != p[i, $1] ? p[i, $0] > p[i, $1] : $0 < $1 }.prefix(top)
            for c in order {
                let w = p[i, c]
                for j in 0..<d { out[i, j] += w * classVectors[c, j] }
            }
        }
        out.normaliseRows()
        return out
    }

    /// `normalise((1 - weight) * head + weight * zeroShot)` row by row: the two signals mixed.
    public static func mix(head: DenseMatrix, zeroShot: DenseMatrix, weight: Float) -> DenseMatrix {
        precondition(head.rows == zeroShot.rows && head.columns == zeroShot.columns)
        var out = head
        for k in out.values.indices { out.values[k] = (1 - weight) * head.values[k] + weight * zeroShot.values[k] }
        out.normaliseRows()
        return out
    }
}

extension ZeroShotEmbedding {
    private static let magic: [UInt8] = Array("GLZS".utf8)
    private static let version: UInt16 = 1

    /// Little-endian bytes for the space file: "GLZS", version, top, classes, d, the
    /// class vectors (float32, row-major), then an FNV-1a (32-bit) checksum of all before it.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        w.append(bytes: Self.magic)
        w.append(Self.version)
        w.append(UInt32(top))
        w.append(UInt32(classVectors.rows))
        w.append(UInt32(classVectors.columns))
        w.append(classVectors.values)
        w.append(fnv1a32(w.bytes))
        return w.bytes
    }

    /// Reads `encode()`'s bytes; damage is a `LearningError.corrupt`, never a trap.
    public init(decoding bytes: [UInt8]) throws {
        var r = ByteReader(bytes, what: "zero-shot class vectors")
        guard Array(try r.take(4, "magic")) == Self.magic else { throw LearningError.corrupt("zero-shot class vectors: not a GLZS record") }
        let version = try r.uint16("version")
        guard version == Self.version else { throw LearningError.corrupt("zero-shot class vectors: version \(version) is not known") }
        let top = Int(try r.uint32("top"))
        let classes = try r.count("classes", elementSize: 4)
        let d = try r.count("dimension", elementSize: 4)
        guard classes > 0, d > 0, classes * d <= r.remaining / 4 else {
            throw LearningError.corrupt("zero-shot class vectors: \(classes) x \(d) does not fit the \(r.remaining) bytes left")
        }
        guard top >= 1, top <= classes else { throw LearningError.corrupt("zero-shot class vectors: top \(top) of \(classes) classes") }
        let values = try r.floats(classes * d, "class vectors")
        let expected = fnv1a32(bytes[0..<r.offset])
        guard try r.uint32("checksum") == expected else { throw LearningError.corrupt("zero-shot class vectors: checksum mismatch") }
        guard r.remaining == 0 else { throw LearningError.corrupt("zero-shot class vectors: \(r.remaining) bytes after the end") }
        guard values.allSatisfy(\.isFinite) else { throw LearningError.corrupt("zero-shot class vectors: a value is not finite") }
        self.init(classVectors: DenseMatrix(rows: classes, columns: d, values: values), top: top)
    }
}
