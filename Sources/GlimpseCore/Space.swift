/// A joint embedding space: words and images as unit vectors of one dimension, plus image metadata.
///
/// A space is immutable. It is either opened from a space file (memory-mapped, used in
/// place) or built in memory from imported vectors; in both cases its bytes are laid
/// out exactly as the file format says, so `write(to:)` is a plain copy.
public final class Space: @unchecked Sendable {
    public let dimension: Int
    public let words: Vocabulary
    /// Unit rows, one per word (a zero row stays zero).
    public let wordVectors: Matrix
    /// Unit rows, one per image (a zero row stays zero).
    public let imageVectors: Matrix
    /// Half-precision copies of `wordVectors` and `imageVectors` when the space stores them
    /// (`VectorStorage.float16`): scans read these, and re-score their candidates in float32.
    public let halfWordVectors: HalfPrecisionMatrix?
    public let halfImageVectors: HalfPrecisionMatrix?
    public let info: SpaceInfo
    /// What each image's file says (size, times, pixels, camera), or nil when the space does not
    /// record it: only spaces made from a folder of photo files do.
    public let imageFileFacts: ImageFileFactsTable?
    /// Each image's `IMG_n` number and the retired ones, or nil when the space numbers its
    /// images by row (`IMG_1` is row 0): only spaces made by `glimpse index` keep numbers.
    public let imageNumbers: ImageNumbers?
    private let rowsByNumber: [Int: Int]
    private let retiredFiles: [Int: String]
    private let images: ImageRecordTable
    private let storage: ByteStorage
    private let attachments: [SectionKind: UnsafeRawBufferPointer]

    public var wordCount: Int { words.count }
    public var imageCount: Int { images.count }
    public var vectorStorage: VectorStorage { halfImageVectors == nil ? .float32 : .float16 }
    /// `3 words, 1 images, dimension 2`: how big it is, as `glimpse build` and `glimpse import` say once they wrote it.
    public var sizeDescription: String { "\(wordCount) words, \(imageCount) images, dimension \(dimension)" }

    /// Metadata of image `row` (0-based; users see it as `imageID(row:)`).
    public func image(at row: Int) -> ImageRecord { images[row] }

    /// The number in the id users see for image `row`: `row + 1`, unless the space keeps numbers.
    public func imageNumber(row: Int) -> Int {
        imageNumbers?.numbers[row] ?? row + 1
    }

    /// The id users see for image `row`: `IMG_12`.
    public func imageID(row: Int) -> String { "IMG_\(imageNumber(row: row))" }

    /// The row of the image numbered `number` (`IMG_number`), or nil when no image has it.
    public func imageRow(number: Int) -> Int? {
        guard imageNumbers != nil else { return number >= 1 && number <= imageCount ? number - 1 : nil }
        return rowsByNumber[number]
    }

    /// The file of the image that had `number` before an update removed it, or nil.
    public func retiredImageFile(number: Int) -> String? { retiredFiles[number] }

    /// The smallest and largest image number, or nil without images.
    public var imageNumberRange: ClosedRange<Int>? {
        guard imageCount > 0 else { return nil }
        guard let numbers = imageNumbers?.numbers else { return 1...imageCount }
        return numbers.min()!...numbers.max()!
    }

    private init(decoded: SpaceFileDecoder.Decoded, storage: ByteStorage, path: String?) {
        self.storage = storage
        dimension = decoded.dimension
        words = decoded.vocabulary
        wordVectors = decoded.wordVectors
        imageVectors = decoded.imageVectors
        halfWordVectors = decoded.halfWordVectors
        halfImageVectors = decoded.halfImageVectors
        images = decoded.images
        imageFileFacts = decoded.imageFileFacts
        imageNumbers = decoded.imageNumbers
        rowsByNumber = Dictionary(uniqueKeysWithValues: (decoded.imageNumbers?.numbers ?? []).enumerated().map { ($1, $0) })
        retiredFiles = Dictionary((decoded.imageNumbers?.retired ?? []).map { ($0.number, $0.file) }, uniquingKeysWith: { first, _ in first })
        attachments = decoded.attachments
        info = SpaceInfo(
            model: decoded.info.model, source: decoded.info.source, path: path,
            checksum: path == nil ? "" : hex(decoded.checksum), formatVersion: decoded.majorVersion)
    }

    /// Builds a space in memory; vectors are row-major and get scaled to unit length.
    /// `.float16` storage adds half-precision copies of the unit vectors for faster scans;
    /// `imageFileFacts`, one per image, adds their section; `imageNumbers` theirs.
    ///
    /// Throws if the dimension is not positive, a vector array does not hold
    /// count x dimension values, a word is empty or repeated, a value is NaN or infinite,
    /// or the file facts or numbers do not match the images.
    public convenience init(
        words: [String], wordVectors: [Float], images: [ImageRecord], imageVectors: [Float],
        dimension: Int, model: String, source: String, vectorStorage: VectorStorage = .float32,
        imageFileFacts: [ImageFileFacts]? = nil, imageNumbers: ImageNumbers? = nil, attachments: [SectionKind: [UInt8]] = [:]
    ) throws(SpaceError) {
        guard dimension > 0 else { throw .dimensionNotPositive(dimension) }
        guard dimension <= 1 << 20 else { throw .tooLarge("dimension \(dimension)") }
        guard words.count < Int(UInt32.max) / 2 else { throw .tooLarge("\(words.count) words") }
        guard wordVectors.count == words.count * dimension else {
            throw .vectorCountMismatch(matrix: "word vectors", expected: words.count * dimension, actual: wordVectors.count)
        }
        guard imageVectors.count == images.count * dimension else {
            throw .vectorCountMismatch(matrix: "image vectors", expected: images.count * dimension, actual: imageVectors.count)
        }
        // By UTF-8 bytes like the lookup table: Swift's String == would merge canonically equivalent spellings.
        var seen = ByteStringSet(minimumCapacity: words.count)
        for (index, word) in words.enumerated() {
            if word.isEmpty { throw .emptyWord(index: index) }
            if let first = seen.insert(word) { throw .duplicateWord(word, first: first, second: index) }
        }
        if let (row, column) = Self.firstNonFinite(wordVectors, dimension: dimension) {
            throw .nonFiniteValue(matrix: "word vectors", row: row, column: column)
        }
        if let (row, column) = Self.firstNonFinite(imageVectors, dimension: dimension) {
            throw .nonFiniteValue(matrix: "image vectors", row: row, column: column)
        }
        if let imageFileFacts {
            guard imageFileFacts.count == images.count else {
                throw .invalidImageFileFacts("\(imageFileFacts.count) records for \(images.count) images")
            }
            if let problem = ImageFileFactsTable.problem(in: imageFileFacts) { throw .invalidImageFileFacts(problem) }
        }
        if let imageNumbers {
            guard imageNumbers.numbers.count == images.count else {
                throw .invalidImageNumbers("\(imageNumbers.numbers.count) numbers for \(images.count) images")
            }
            if let problem = imageNumbers.problem { throw .invalidImageNumbers(problem) }
        }
        let storage = SpaceFileEncoder.encode(
            sections: SpaceFileEncoder.sections(
                words: words, wordVectors: wordVectors, images: images, imageVectors: imageVectors,
                dimension: dimension, model: model, source: source, vectorStorage: vectorStorage,
                imageFileFacts: imageFileFacts, imageNumbers: imageNumbers, attachments: attachments.filter { SectionKind.attachments.contains($0.key) }),
            dimension: dimension)
        let decoded: SpaceFileDecoder.Decoded
        do {
            decoded = try SpaceFileDecoder.decode(storage, path: "<in memory>", verifyChecksums: false)
        } catch {
            fatalError("internal error: a freshly encoded space does not decode: \(error)")
        }
        self.init(decoded: decoded, storage: storage, path: nil)
    }

    /// The bytes of an optional section (`SectionKind.attachments`), or nil when the
    /// space has none: the image model, the image split.
    public func attachment(_ kind: SectionKind) -> [UInt8]? {
        attachments[kind].map { Array($0) }
    }

    /// Opens a space file: maps it, checks header, section table and every section checksum.
    ///
    /// Vectors are used in place from the mapping. As with any memory-mapped file, another
    /// process truncating the file while it is open makes later reads fault; replacing it
    /// by rename (as `write(to:)` does) is safe.
    public static func open(path: String) throws(SpaceFileError) -> Space {
        let storage = try MappedFile.map(path: path).get()
        let decoded = try SpaceFileDecoder.decode(storage, path: path)
        return Space(decoded: decoded, storage: storage, path: path)
    }

    /// Reads a space from the bytes of a space file kept elsewhere (a database's column), checking
    /// them as `open` checks a file; `name` says where they came from in errors.
    public static func decode(bytes: [UInt8], name: String) throws(SpaceFileError) -> Space {
        let (storage, base) = ByteStorage.allocate(count: bytes.count)
        if !bytes.isEmpty { bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) } }
        let decoded = try SpaceFileDecoder.decode(storage, path: name)
        return Space(decoded: decoded, storage: storage, path: nil)
    }

    /// Writes the space to `path` atomically (temporary file, fsync, rename, fsync of the folder).
    public func write(to path: String) throws(SpaceFileError) {
        try MappedFile.writeAtomically(storage.bytes, to: path)
    }

    /// Calls `body` with the bytes of the space file this space is (or would be written as).
    public func withFileBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(storage.bytes) }
    }

    private static func firstNonFinite(_ values: [Float], dimension: Int) -> (Int, Int)? {
        guard let i = values.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (i / dimension, i % dimension)
    }
}
