import ArgumentParser
import GlimpseCore
import GlimpseShell

/// `glimpse export`: writes a space's vectors and metadata in standard formats.
struct ExportCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a space's image vectors (and metadata) or word vectors as .npy files.",
        discussion: """
            The vectors are the space's unit-length rows, float32, readable with
            numpy.load.

              glimpse export --images img.npy --metadata img.tsv
              glimpse export --words words.npy --vocab words.txt --space glove.glimpse
              glimpse export --images img.npy --metadata img.tsv --rows 1-300
            """)

    @OptionGroup var spaceOption: SpaceOption
    @Option(help: ArgumentHelp("Write the image vectors to this .npy file.", valueName: "file")) var images: String?
    @Option(help: ArgumentHelp("Write the image metadata (file, title, tags) to this file: TSV, or JSON Lines when it ends in .jsonl.", valueName: "file"))
    var metadata: String?
    @Option(help: ArgumentHelp("Write the word vectors to this .npy file.", valueName: "file")) var words: String?
    @Option(help: ArgumentHelp("Write the vocabulary, one word per line, to this file.", valueName: "file")) var vocab: String?
    @Option(help: ArgumentHelp("Only these images, by id: FIRST-LAST (e.g. 1-300) or a list (3,7,12).", valueName: "ids")) var rows: String?

    func files() throws(OptionError) -> SpaceExportFiles {
        try SpaceExportFiles(images: images, metadata: metadata, words: words, vocab: vocab, rows: rows)
    }

    func validate() throws { do { _ = try files() } catch { throw ValidationError(error.message) } }

    func perform() throws {
        let (files, space) = (try files(), try SpaceLocation.open(spaceOption.space))
        if let count = try files.writeImages(of: space) { Console.writeError("exported \(count) images\n") }
        try files.writeWords(of: space)
    }
}
