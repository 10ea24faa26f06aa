/// The kind of a section in a space file; the number is part of the file format.
///
/// Kinds a reader does not know are skipped, unless the writer marked the section
/// required (then the reader refuses the file and names the kind).
public struct SectionKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// JSON object: model, source.
    public static let info = SectionKind(rawValue: 1)
    /// wordCount x dimension float32, unit rows.
    public static let wordVectors = SectionKind(rawValue: 2)
    /// wordCount + 1 UInt64 byte offsets into `wordBytes`.
    public static let wordOffsets = SectionKind(rawValue: 3)
    /// The UTF-8 bytes of all words, back to back.
    public static let wordBytes = SectionKind(rawValue: 4)
    /// Open-addressing table of UInt32 (word index + 1, 0 = empty), power-of-two size, xxHash64 + linear probing.
    public static let wordHashTable = SectionKind(rawValue: 5)
    /// wordCount UInt32 word indices, sorted by the words' UTF-8 bytes.
    public static let sortedWords = SectionKind(rawValue: 6)
    /// imageCount x dimension float32, unit rows.
    public static let imageVectors = SectionKind(rawValue: 7)
    /// wordCount x dimension IEEE half floats: the word vectors rounded to nearest (optional, format 1.1).
    public static let halfWordVectors = SectionKind(rawValue: 13)
    /// imageCount x dimension IEEE half floats: the image vectors rounded to nearest (optional, format 1.1).
    public static let halfImageVectors = SectionKind(rawValue: 14)
    /// imageCount + 1 UInt64 byte offsets into `imageRecords`.
    public static let imageRecordOffsets = SectionKind(rawValue: 8)
    /// Image records: per record, length-prefixed (UInt32) file, title, then a UInt32 tag count and length-prefixed tags.
    public static let imageRecords = SectionKind(rawValue: 9)

    /// The image model: how to put a new image file into the space (a projection
    /// head's own versioned encoding, opaque to the core). Optional.
    public static let imageModel = SectionKind(rawValue: 10)
    /// One byte per image: which part of the model's train/validation/test split it
    /// was in (0 train, 1 validation, 2 test). Optional.
    public static let imageSplit = SectionKind(rawValue: 11)

    /// UTF-8 JSON describing how the images were embedded: the encoder, its
    /// preprocessing, the collections in row order. Optional.
    public static let imageModelInfo = SectionKind(rawValue: 12)

    /// The vectors of the ImageNet class names in this space, for the zero-shot part
    /// of an image file's vector (a versioned encoding, opaque to the core). Optional.
    public static let zeroShotClasses = SectionKind(rawValue: 15)

    /// Per collection of images: its own head, caption source, views and neighbour
    /// transfer (GlimpseLearning's `CollectionModels` encoding, opaque to the core). Optional.
    public static let imageCollectionModels = SectionKind(rawValue: 16)

    /// Per image, what its file says: byte size, modification time, date taken, pixel width and
    /// height, camera (`ImageFileFactsTable`, read by the core). Optional (format 1.2).
    public static let imageFileFacts = SectionKind(rawValue: 17)

    /// Per image its `IMG_n` number, and the numbers of removed images with their files, so that
    /// numbers survive updates of an indexed folder (`ImageNumbers`, read by the core). Optional (format 1.3).
    public static let imageNumbers = SectionKind(rawValue: 18)

    /// Captioned images that caption transfer draws on when an image file is placed
    /// (GlimpseLearning's `TransferMemory` encoding, opaque to the core). Optional.
    public static let transferMemory = SectionKind(rawValue: 19)

    /// Optional sections this reader knows: kept and checksummed, handed out as bytes.
    public static let attachments: [SectionKind] = [
        .imageModel, .imageSplit, .imageModelInfo, .zeroShotClasses, .imageCollectionModels, .transferMemory,
    ]

    /// The kinds this version of the reader needs in every file.
    static let required: [SectionKind] = [
        .info, .wordVectors, .wordOffsets, .wordBytes, .wordHashTable, .sortedWords,
        .imageVectors, .imageRecordOffsets, .imageRecords,
    ]

    /// Kinds this reader knows and decodes that a file may leave out: the half-precision copies
    /// of `--storage f16`, the images' file facts, their numbers.
    static let optional: [SectionKind] = [.halfWordVectors, .halfImageVectors, .imageFileFacts, .imageNumbers]

    public var description: String {
        switch self {
        case .info: return "info"
        case .wordVectors: return "word vectors"
        case .wordOffsets: return "word offsets"
        case .wordBytes: return "word strings"
        case .wordHashTable: return "word hash table"
        case .sortedWords: return "sorted words"
        case .imageVectors: return "image vectors"
        case .imageRecordOffsets: return "image record offsets"
        case .imageRecords: return "image records"
        case .imageModel: return "image model"
        case .imageSplit: return "image split"
        case .imageModelInfo: return "image model info"
        case .zeroShotClasses: return "zero-shot class vectors"
        case .imageCollectionModels: return "image collection models"
        case .transferMemory: return "transfer memory"
        case .halfWordVectors: return "half-precision word vectors"
        case .halfImageVectors: return "half-precision image vectors"
        case .imageFileFacts: return "image file facts"
        case .imageNumbers: return "image numbers"
        default: return "kind \(rawValue)"
        }
    }
}
