/// The captioned images that caption transfer (`NeighbourTransfer`) draws on when it
/// places a new image: each one's key (its CNN features, or its vector in the space)
/// and its caption target. Stored in a space so that `image("file")` can transfer
/// captions from the space's clip-art to a user's photo (docs/photos.md).
public struct TransferMemory: Sendable, Equatable {
    /// What the keys are, and so what a new image is compared by.
    public enum Keys: UInt8, Sendable {
        /// The CNN's pooled features: compared with the new image's features.
        case features = 0
        /// Vectors in the space: compared with the new image's vector.
        case vectors = 1
    }

    public var keyKind: Keys
    /// `n x k`: one key per image.
    public var keys: DenseMatrix
    /// `n x d` unit caption targets, row-aligned with `keys`.
    public var targets: DenseMatrix

    public init(keyKind: Keys, keys: DenseMatrix, targets: DenseMatrix) {
        precondition(keys.rows == targets.rows, "one target per key")
        self.keyKind = keyKind
        self.keys = keys
        self.targets = targets
    }

    /// The images of `collection` that have a caption target, keyed by their features.
    public init(captioned collection: ImageCollection, captions: Captions) {
        let rows = (0..<collection.count).filter { captions.hasTarget[$0] }
        self.init(keyKind: .features, keys: collection.features.gathering(rows: rows), targets: captions.targets.gathering(rows: rows))
    }

    /// `vectors` (unit rows) moved towards the targets of their nearest memory images; `features`
    /// are the new images' features, row-aligned with `vectors` (read when the keys are features).
    public func apply(_ transfer: NeighbourTransfer, to vectors: DenseMatrix, features: DenseMatrix) -> DenseMatrix {
        transfer.apply(embeddings: vectors, features: keyKind == .features ? features : vectors, memoryFeatures: keys, memoryTargets: targets)
    }
}

extension TransferMemory {
    private static let magic: [UInt8] = Array("GLTM".utf8)
    private static let version: UInt16 = 1

    /// Little-endian bytes for the space file: "GLTM", version, key kind (u8), n, key
    /// width, target width (u32 each), the keys and the targets (float32, row-major),
    /// then an FNV-1a (32-bit) checksum of all before it.
    public func encode() -> [UInt8] {
        var w = ByteWriter()
        w.append(bytes: Self.magic)
        w.append(Self.version)
        w.append(keyKind.rawValue)
        w.append(UInt32(keys.rows))
        w.append(UInt32(keys.columns))
        w.append(UInt32(targets.columns))
        w.append(keys.values)
        w.append(targets.values)
        w.append(fnv1a32(w.bytes))
        return w.bytes
    }

    /// Reads `encode()`'s bytes; damage is a `LearningError.corrupt`, never a trap.
    public init(decoding bytes: [UInt8]) throws {
        var r = ByteReader(bytes, what: "transfer memory")
        guard Array(try r.take(4, "magic")) == Self.magic else { throw LearningError.corrupt("transfer memory: not a GLTM record") }
        let version = try r.uint16("version")
        guard version == Self.version else { throw LearningError.corrupt("transfer memory: version \(version) is not known") }
        guard let kind = Keys(rawValue: try r.uint8("key kind")) else { throw LearningError.corrupt("transfer memory: unknown key kind") }
        let n = try r.count("images", elementSize: 4)
        let k = try r.count("key width", elementSize: 4)
        let d = try r.count("target width", elementSize: 4)
        guard n * (k + d) <= r.remaining / 4 else {
            throw LearningError.corrupt("transfer memory: \(n) x (\(k) + \(d)) does not fit the \(r.remaining) bytes left")
        }
        let keys = try r.floats(n * k, "keys")
        let targets = try r.floats(n * d, "targets")
        let expected = fnv1a32(bytes[0..<r.offset])
        guard try r.uint32("checksum") == expected else { throw LearningError.corrupt("transfer memory: checksum mismatch") }
        guard r.remaining == 0 else { throw LearningError.corrupt("transfer memory: \(r.remaining) bytes after the end") }
        guard keys.allSatisfy(\.isFinite), targets.allSatisfy(\.isFinite) else { throw LearningError.corrupt("transfer memory: a value is not finite") }
        self.init(keyKind: kind, keys: DenseMatrix(rows: n, columns: k, values: keys), targets: DenseMatrix(rows: n, columns: d, values: targets))
    }
}
