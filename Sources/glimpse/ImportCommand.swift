import ArgumentParser
import GlimpseCore
import GlimpseShell

/// `glimpse import`: builds a space file from word vectors and, optionally, image vectors.
struct ImportCommand: GlimpseTask {
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

    @Option(help: ArgumentHelp("Word vectors in GloVe text format.", valueName: "file")) var glove: String?
    @Option(help: ArgumentHelp("Word vectors in word2vec binary format.", valueName: "file")) var word2vec: String?
    @Option(name: .customLong("words-npy"), help: ArgumentHelp("Word vectors as a NumPy .npy matrix (needs --vocab).", valueName: "file"))
    var wordsNpy: String?
    @Option(help: ArgumentHelp("The words of --words-npy, one per line.", valueName: "file")) var vocab: String?
    @Option(help: ArgumentHelp("Image vectors as a NumPy .npy matrix (needs --metadata).", valueName: "file")) var images: String?
    @Option(help: ArgumentHelp("Image metadata: .tsv (file, title, tags) or .jsonl.", valueName: "file")) var metadata: String?
    @Option(help: ArgumentHelp("The model's name, stored in the space (default: the word file's name).", valueName: "name")) var model: String?
    @Option(help: ArgumentHelp(
        "Vector storage: f32, or f16 to add half-precision copies that searches scan (half the bytes read per query; same results).",
        valueName: "f32|f16"))
    var storage: VectorStorage = .float32
    @Option(name: .shortAndLong, help: ArgumentHelp("The space file to write (atomically).", valueName: "path")) var output: String

    func spaceImport() throws(OptionError) -> SpaceImport {
        try SpaceImport(glove: glove, word2vec: word2vec, wordsNpy: wordsNpy, vocab: vocab, images: images, metadata: metadata, model: model, storage: storage)
    }

    func validate() throws { do { _ = try spaceImport() } catch { throw ValidationError(error.message) } }

    func perform() throws {
        let start = ContinuousClock.now
        let space = try spaceImport().space(warn: { Console.writeError("glimpse: warning: \($0)\n") })
        try space.write(to: output)
        let seconds = (ContinuousClock.now - start).inSeconds
        Console.writeError("wrote \(output): \(space.sizeDescription) (\(String(Int(seconds * 1000))) ms)\n")
    }
}

extension VectorStorage: ExpressibleByArgument {}
