/// `glimpse import`: a space made from word vectors in one of three formats and,
/// optionally, image vectors of the same dimension with their metadata.
public struct SpaceImport: Sendable {
    /// Where the word vectors come from.
    public enum WordSource: Sendable {
        /// GloVe text: a word and its numbers per line.
        case glove(String)
        /// word2vec binary.
        case word2vec(String)
        /// A NumPy matrix (float32 or float16) and its words, one per line, in row order.
        case numpy(vectors: String, words: String)

        /// The file named as the space's source (and, by default, its model).
        public var file: String {
            switch self {
            case .glove(let path), .word2vec(let path), .numpy(vectors: let path, words: _): path
            }
        }
    }

    public var words: WordSource
    /// A NumPy matrix of image vectors and their metadata (TSV or JSON Lines), row by row.
    public var images: (vectors: String, metadata: String)?
    /// The model's name stored in the space; by default the word file's name.
    public var model: String?
    public var storage: VectorStorage

    public init(words: WordSource, images: (vectors: String, metadata: String)? = nil, model: String? = nil,
                storage: VectorStorage = .float32) {
        self.words = words
        self.images = images
        self.model = model
        self.storage = storage
    }

    /// The import `glimpse import`'s options name: exactly one word source (`glove`, `word2vec`,
    /// or `wordsNpy` with `vocab`, its words), and `images` with `metadata` or neither.
    public init(glove: String?, word2vec: String?, wordsNpy: String?, vocab: String?, images: String?, metadata: String?,
                model: String?, storage: VectorStorage) throws(OptionError) {
        let sources = [glove.map(WordSource.glove), word2vec.map(WordSource.word2vec),
                       wordsNpy.map { WordSource.numpy(vectors: $0, words: vocab ?? "") }].compactMap { $0 }
        guard sources.count == 1 else { throw OptionError("give exactly one of --glove, --word2vec or --words-npy") }
        guard (wordsNpy == nil) == (vocab == nil) else { throw OptionError("--words-npy and --vocab go together") }
        guard (images == nil) == (metadata == nil) else { throw OptionError("--images and --metadata go together") }
        self.init(words: sources[0], images: images.flatMap { vectors in metadata.map { (vectors, $0) } }, model: model, storage: storage)
    }

    /// Reads the files and makes the space. `warn` gets a line for each line a reader
    /// skipped (up to the readers' limit, then how many more) and for repeated words dropped.
    public func space(warn: (String) -> Void = { _ in }) throws -> Space {
        let imported = switch words {
        case .glove(let path): try GloVeTextReader.read(path: path)
        case .word2vec(let path): try Word2VecBinaryReader.read(path: path)
        case .numpy(let vectors, let words): try WordListNumpyReader.read(wordsPath: words, vectorsPath: vectors)
        }
        for skipped in imported.skipped { warn("skipped \(skipped)") }
        if imported.skippedLineCount > imported.skipped.count {
            warn("\(imported.skippedLineCount - imported.skipped.count) more lines skipped")
        }
        if imported.duplicatesDropped > 0 {
            warn("\(imported.duplicatesDropped) repeated words dropped (the first of each is kept)")
        }
        var pictures = ImportedImages(images: [], vectors: [], dimension: imported.dimension)
        if let images {
            pictures = try ImageImportReader.read(vectorsPath: images.vectors, metadataPath: images.metadata)
            guard pictures.dimension == imported.dimension else {
                throw ImportError(
                    path: images.vectors,
                    message: "image vectors have dimension \(pictures.dimension), but the word vectors have \(imported.dimension)")
            }
        }
        let sources = [words.file] + (images.map { [$0.vectors] } ?? [])
        return try Space(
            words: imported.words, wordVectors: imported.vectors, images: pictures.images, imageVectors: pictures.vectors,
            dimension: imported.dimension, model: model ?? Self.baseName(words.file),
            source: sources.map(Self.baseName).joined(separator: " + "), vectorStorage: storage)
    }

    static func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
