import ArgumentParser
import GlimpseCore
import GlimpseShell

/// `glimpse import`: builds a space file from word vectors and, optionally, image vectors.
struct ImportCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a space file from word vectors (and image vectors with their metadata).",
        discussion: """
            Word vectors come from exactly one of: --glove (GloVe text: a word and its
            numbers per line), --word2vec (word2vec binary), or --words-npy with --vocab
            (a NumPy float32/float16 matrix and a word list, one word per line, in row
            order). Image vectors come from --images (a NumPy matrix of the same
            dimension) with --metadata (TSV with columns file, title, tags; or JSON Lines
            with those keys).

              glimpse import --glove glove.6B.50d.txt -o glove.glimpse
              glimpse import --glove words.txt --images img.npy --metadata img.tsv -o mine.glimpse
            """)

    @Option(help: ArgumentHelp("Word vectors in GloVe text format.", valueName: "file"))
    var glove: String?

    @Option(help: ArgumentHelp("Word vectors in word2vec binary format.", valueName: "file"))
    var word2vec: String?

    @Option(name: .customLong("words-npy"), help: ArgumentHelp("Word vectors as a NumPy .npy matrix (needs --vocab).", valueName: "file"))
    var wordsNpy: String?

    @Option(help: ArgumentHelp("The words of --words-npy, one per line.", valueName: "file"))
    var vocab: String?

    @Option(help: ArgumentHelp("Image vectors as a NumPy .npy matrix (needs --metadata).", valueName: "file"))
    var images: String?

    @Option(help: ArgumentHelp("Image metadata: .tsv (file, title, tags) or .jsonl.", valueName: "file"))
    var metadata: String?

    @Option(help: ArgumentHelp("The model's name, stored in the space (default: the word file's name).", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp(
        "Vector storage: f32, or f16 to add half-precision copies that searches scan (half the bytes read per query; same results).",
        valueName: "f32|f16"))
    var storage: VectorStorage = .float32

    @Option(name: .shortAndLong, help: ArgumentHelp("The space file to write (atomically).", valueName: "path"))
    var output: String

    func validate() throws {
        let sources = [glove, word2vec, wordsNpy].compactMap { $0 }
        guard sources.count == 1 else {
            throw ValidationError("give exactly one of --glove, --word2vec or --words-npy")
        }
        guard (wordsNpy == nil) == (vocab == nil) else { throw ValidationError("--words-npy and --vocab go together") }
        guard (images == nil) == (metadata == nil) else { throw ValidationError("--images and --metadata go together") }
    }

    func execute() throws -> ExitStatus {
        let clock = ContinuousClock()
        let start = clock.now
        let words: ImportedWords
        let wordFile: String
        if let glove {
            words = try GloVeTextReader.read(path: glove)
            wordFile = glove
        } else if let word2vec {
            words = try Word2VecBinaryReader.read(path: word2vec)
            wordFile = word2vec
        } else {
            words = try WordListNumpyReader.read(wordsPath: vocab!, vectorsPath: wordsNpy!)
            wordFile = wordsNpy!
        }
        for skipped in words.skipped { Console.writeError("glimpse: warning: skipped \(skipped)\n") }
        if words.skippedLineCount > words.skipped.count {
            Console.writeError("glimpse: warning: \(words.skippedLineCount - words.skipped.count) more lines skipped\n")
        }
        if words.duplicatesDropped > 0 {
            Console.writeError("glimpse: warning: \(words.duplicatesDropped) repeated words dropped (the first of each is kept)\n")
        }
        var imported = ImportedImages(images: [], vectors: [], dimension: words.dimension)
        if let images, let metadata {
            imported = try ImageImportReader.read(vectorsPath: images, metadataPath: metadata)
            guard imported.dimension == words.dimension else {
                throw CommandError(.io, "\(images): image vectors have dimension \(imported.dimension), but the word vectors have \(words.dimension)")
            }
        }
        let name = model ?? baseName(wordFile)
        var sources = [wordFile]
        if let images { sources.append(images) }
        let space = try Space(
            words: words.words, wordVectors: words.vectors, images: imported.images, imageVectors: imported.vectors,
            dimension: words.dimension, model: name, source: sources.map(baseName).joined(separator: " + "),
            vectorStorage: storage)
        try space.write(to: output)
        let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
        Console.writeError("wrote \(output): \(space.wordCount) words, \(space.imageCount) images, dimension \(space.dimension) (\(String(Int(seconds * 1000))) ms)\n")
        return .success
    }

    private func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}

extension VectorStorage: ExpressibleByArgument {}
