import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseShell

/// `glimpse index`: a space of your own photos, no captions needed; run it again to update it.
struct IndexCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index folders of photos into a space (no captions needed); run it again to bring the space up to date.",
        discussion: """
            Embeds every image file under the folders (by suffix: \(PhotoIndexer.imageExtensions.sorted().joined(separator: " "))) with the image model of the base space. Run again on the same -o, only new and changed files are encoded, and every image keeps its IMG_n. README's "Your own photos" tells the rest.

              glimpse index ~/Pictures -o ~/photos.glimpse
            """)

    @Argument(help: ArgumentHelp("The folders (or files) to index.", valueName: "dir")) var folders: [String]
    @Option(name: .shortAndLong, help: ArgumentHelp("The space to write, or to update if it exists (atomically).", valueName: "space"))
    var output: String
    @Option(help: ArgumentHelp("The space whose words and image model to use (default: the demo space).", valueName: "space")) var model: String?
    @Option(help: ArgumentHelp("Titles and tags for some files: TSV or JSON Lines, as for 'glimpse build'.", valueName: "file")) var captions: String?
    @Flag(help: "Also index hidden files and folders (names starting with '.').") var hidden = false

    func perform() throws {
        let indexer = PhotoIndexer(
            roots: folders.map(SpaceLocation.expandTilde), output: SpaceLocation.expandTilde(output), base: try SpaceLocation.open(model),
            captions: try captions.map { try ImageTable.read(path: SpaceLocation.expandTilde($0)) }, includeHidden: hidden,
            progress: TerminalProgressBar.onStandardError())
        let (space, report) = try indexer.run()
        try space.write(to: SpaceLocation.expandTilde(output))
        Console.writeError(report.render() + "wrote \(output): \(space.imageCount) images, \(space.wordCount) words\n")
    }
}
