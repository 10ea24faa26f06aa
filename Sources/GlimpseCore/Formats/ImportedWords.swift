/// Word vectors read from a file: words in file order (frequency rank for GloVe and word2vec), vectors row-major.
public struct ImportedWords: Sendable {
    public var words: [String]
    public var vectors: [Float]
    public var dimension: Int
    /// Lines skipped as malformed (at most `ImportedWords.diagnosticLimit` are kept; see `skippedLineCount`).
    public var skipped: [ImportDiagnostic]
    /// All skipped lines, including those past the diagnostic limit.
    public var skippedLineCount: Int
    /// Words that appeared again after their first occurrence; the first is kept.
    public var duplicatesDropped: Int

    /// How many skipped-line diagnostics are kept, so a wrong file does not fill memory with messages.
    public static let diagnosticLimit = 100

    public init(words: [String], vectors: [Float], dimension: Int, skipped: [ImportDiagnostic] = [],
                skippedLineCount: Int = 0, duplicatesDropped: Int = 0) {
        self.words = words
        self.vectors = vectors
        self.dimension = dimension
        self.skipped = skipped
        self.skippedLineCount = skippedLineCount
        self.duplicatesDropped = duplicatesDropped
    }
}

/// Collects words and their vectors, keeping the first of repeated words (compared by UTF-8 bytes).
struct WordCollector {
    private(set) var result: ImportedWords
    private var seen = ByteStringSet()
    let path: String

    init(path: String, dimension: Int) {
        self.path = path
        result = ImportedWords(words: [], vectors: [], dimension: dimension)
    }

    /// Adds `word` unless already present; `appendVector` is called only for kept words and must append `dimension` values.
    /// Invalid UTF-8 is repaired (U+FFFD) before the duplicate check, so two words that repair
    /// to the same text count as one, as they would in the space.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, appendVector: (inout [Float]) -> Void) {
        let text = String(decoding: word, as: UTF8.self)
        guard seen.insert(text) == nil else {
            result.duplicatesDropped += 1
            return
        }
        result.words.append(text)
        appendVector(&result.vectors)
    }

    mutating func skip(line: Int, _ message: String) {
        result.skippedLineCount += 1
        if result.skipped.count < ImportedWords.diagnosticLimit {
            result.skipped.append(ImportDiagnostic(path: path, line: line, message: message))
        }
    }

    mutating func setDimension(_ dimension: Int) { result.dimension = dimension }

    mutating func reserve(words: Int, dimension: Int) {
        result.words.reserveCapacity(words)
        result.vectors.reserveCapacity(words * dimension)
        seen = ByteStringSet(minimumCapacity: words)
    }
}
