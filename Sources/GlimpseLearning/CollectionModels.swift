/// How one collection of a space was embedded: its own head, the caption targets it
/// was trained on, the extra views averaged into its vectors, and the caption transfer
/// from its training images applied after the head.
///
/// A space with several collections (the demo: openclipart and emoji) keeps one per
/// collection, so that `glimpse eval` reproduces every stored vector's recipe.
public struct CollectionModel: Sendable, Equatable {
    /// The collection's feature cache name (e.g. `openclipart-fit`).
    public var name: String
    public var captionSource: Captions.Source
    public var head: ProjectionHead
    /// `ImageView` descriptions of the extra views (feature caches `<name>-view-<view>`); empty: none.
    public var views: [String]
    public var averaging: ViewAveraging
    /// Applied to the stored vectors with the collection's training images as memory; nil: none.
    public var transfer: NeighbourTransfer?

    public init(name: String, captionSource: Captions.Source, head: ProjectionHead, views: [String] = [],
                averaging: ViewAveraging = .outputs, transfer: NeighbourTransfer? = nil) {
        self.name = name
        self.captionSource = captionSource
        self.head = head
        self.views = views
        self.averaging = averaging
        self.transfer = transfer
    }

    /// The feature cache names of the extra views.
    public var viewCacheNames: [String] { views.map { name + "-view-" + $0 } }

    /// Vectors of `collection` (with its views loaded): the head over the views, then the
    /// transfer from the images `memory` (indices into the collection; those with a target).
    public func embed(_ collection: ImageCollection, captions: Captions, memory: [Int]) throws -> DenseMatrix {
        let vectors = try head.project(collection, averaging: averaging)
        guard let transfer else { return vectors }
        return try transfer.apply(embeddings: vectors, rows: Array(0..<collection.count), memory: memory, of: collection,
                                  captions: captions, head: head, averaging: averaging)
    }
}

/// The versioned binary form of a space's collection models (the space file's
/// "image collection models" section).
///
/// Layout (little-endian): magic "GLCM", u16 version (1), u32 model count; per model:
/// u32 length + UTF-8 name, u32 length + caption source, u32 length + averaging,
/// u32 view count and per view u32 length + UTF-8 view, u8 has-transfer then u32
/// neighbours, f32 temperature, f32 weight, u8 similarity, u32 length + the head's own encoding
/// (`ProjectionHead.encode`; length 0: the shared head, the space's image model section);
/// finally u32 FNV-1a of everything before it.
public enum CollectionModels {
    static let magic: [UInt8] = Array("GLCM".utf8)
    static let formatVersion: UInt16 = 1

    /// - Parameter shared: a head stored elsewhere in the space (its image model section);
    ///   a model with exactly this head stores length 0 instead of a copy.
    public static func encode(_ models: [CollectionModel], shared: ProjectionHead? = nil) -> [UInt8] {
        var w = ByteWriter()
        func string(_ s: String) {
            let b = Array(s.utf8)
            w.append(UInt32(b.count))
            w.append(bytes: b)
        }
        w.append(bytes: magic)
        w.append(formatVersion)
        w.append(UInt32(models.count))
        for m in models {
            string(m.name)
            string(m.captionSource.rawValue)
            string(m.averaging.rawValue)
            w.append(UInt32(m.views.count))
            m.views.forEach(string)
            w.append(UInt8(m.transfer == nil ? 0 : 1))
            w.append(UInt32(m.transfer?.neighbours ?? 0))
            w.append(m.transfer?.temperature ?? 0)
            w.append(m.transfer?.weight ?? 0)
            w.append(m.transfer?.similarity.rawValue ?? 0)
            let head = m.head == shared ? [] : m.head.encode()
            w.append(UInt32(head.count))
            w.append(bytes: head)
        }
        w.append(fnv1a32(w.bytes))
        return w.bytes
    }

    /// Decodes `encode`'s bytes; any damage is `LearningError.corrupt`. `shared` is the
    /// head `encode` was given, needed when a model refers to it.
    public static func decode(_ bytes: [UInt8], shared: ProjectionHead? = nil) throws -> [CollectionModel] {
        let what = "collection models"
        guard bytes.count >= 10 else { throw LearningError.corrupt("\(what): \(bytes.count) bytes is too short") }
        var tail = ByteReader(Array(bytes.suffix(4)), what: what)
        let checksum = try tail.uint32("checksum")
        let body = Array(bytes.dropLast(4))
        var r = ByteReader(body, what: what)
        guard Array(try r.take(4, "magic")) == magic else { throw LearningError.corrupt("\(what): bad magic") }
        let version = try r.uint16("version")
        guard version == formatVersion else {
            throw LearningError.corrupt("\(what): unsupported version \(version) (this build reads \(formatVersion))")
        }
        guard fnv1a32(body) == checksum else { throw LearningError.corrupt("\(what): checksum mismatch") }
        func string(_ field: String) throws -> String {
            let n = try r.count("\(field) length", elementSize: 1)
            guard let s = String(validating: Array(try r.take(n, field)), as: UTF8.self) else {
                throw LearningError.corrupt("\(what): \(field) is not UTF-8")
            }
            return s
        }
        let count = try r.count("model count", elementSize: 20)
        var models: [CollectionModel] = []
        for k in 0..<count {
            let name = try string("model \(k) name")
            guard let source = Captions.Source(rawValue: try string("model \(k) caption source")) else {
                throw LearningError.corrupt("\(what): model \(k) has an unknown caption source")
            }
            guard let averaging = ViewAveraging(rawValue: try string("model \(k) averaging")) else {
                throw LearningError.corrupt("\(what): model \(k) has an unknown view averaging")
            }
            let viewCount = try r.count("model \(k) view count", elementSize: 4)
            let views = try (0..<viewCount).map { try string("model \(k) view \($0)") }
            let hasTransfer = try r.uint8("model \(k) transfer flag")
            let neighbours = Int(try r.uint32("model \(k) neighbours"))
            let temperature = Float(bitPattern: try r.uint32("model \(k) temperature"))
            let weight = Float(bitPattern: try r.uint32("model \(k) weight"))
            let similarity = try r.uint8("model \(k) similarity")
            var transfer: NeighbourTransfer? = nil
            if hasTransfer == 1 {
                guard neighbours >= 1, temperature > 0, temperature.isFinite, weight >= 0, weight.isFinite,
                      let kind = NeighbourTransfer.Similarity(rawValue: similarity) else {
                    throw LearningError.corrupt("\(what): model \(k) has an invalid transfer")
                }
                transfer = NeighbourTransfer(neighbours: neighbours, temperature: temperature, weight: weight, similarity: kind)
            } else if hasTransfer != 0 {
                throw LearningError.corrupt("\(what): model \(k) has a bad transfer flag")
            }
            let headLength = try r.count("model \(k) head length", elementSize: 1, limit: Int(UInt32.max))
            let head: ProjectionHead
            if headLength == 0 {
                guard let shared else { throw LearningError.corrupt("\(what): model \(k) refers to a shared head that is missing") }
                head = shared
            } else {
                head = try ProjectionHead(decoding: Array(try r.take(headLength, "model \(k) head")))
            }
            models.append(CollectionModel(name: name, captionSource: source, head: head, views: views,
                                          averaging: averaging, transfer: transfer))
        }
        guard r.remaining == 0 else { throw LearningError.corrupt("\(what): \(r.remaining) trailing bytes") }
        return models
    }
}
