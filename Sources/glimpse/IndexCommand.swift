import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseShell
import GlimpseVision

/// `glimpse index`: a space of your own photos, no captions needed; run it again to update it.
struct IndexCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index folders of photos into a space (no captions needed); run it again to bring the space up to date.",
        discussion: """
            Walks the folders (hidden files and folders skipped unless --hidden; symbolic links
            followed, loops walked once), embeds every image file (by its suffix: jpg, jpeg,
            png, webp, gif, tif, tiff, heic, heif, avif) with the image model of the base space
            (--model, default the demo space), and writes a space with the base's words and the
            images, their file facts (size, pixels, times, EXIF camera and date taken) and the
            model, so image("file") works on it.

              glimpse index ~/Pictures -o ~/photos.glimpse
              glimpse --space ~/photos.glimpse -c 'top 10 dog + beach'

            Run again on the same -o, only new and changed files are encoded and removed ones
            dropped; an image keeps its IMG_n, and a removed image's number is never reused.
            Files that are not images, or are too large (512 MiB, 200 megapixels), are skipped
            and listed at the end.
            """)

    @Argument(help: ArgumentHelp("The folders (or files) to index.", valueName: "dir"))
    var folders: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The space file to write, or to update if it exists (atomically).", valueName: "space"))
    var output: String

    @Option(help: ArgumentHelp("The space whose words and image model to use (default: the demo space).", valueName: "space"))
    var model: String?

    @Option(help: ArgumentHelp("Titles and tags for some files: TSV or JSON Lines, as for 'glimpse build'.", valueName: "file"))
    var captions: String?

    @Flag(help: "Also index hidden files and folders (names starting with '.').")
    var hidden = false

    func validate() throws {
        guard !folders.isEmpty else { throw ValidationError("give at least one folder to index") }
    }

    func execute() throws -> ExitStatus {
        let base = try QueryOptions.openSpace(model)
        let indexer = PhotoIndexer(
            roots: folders.map(SpaceLocation.expandTilde), output: SpaceLocation.expandTilde(output), base: base,
            captions: try captions.map { try ImageTable.read(path: SpaceLocation.expandTilde($0)) }, includeHidden: hidden,
            progress: TerminalProgressBar.onStandardError())
        let (space, report) = try indexer.run()
        try space.write(to: SpaceLocation.expandTilde(output))
        Console.writeError(report.render())
        Console.writeError("wrote \(output): \(space.wordCount) words, \(space.imageCount) images, dimension \(space.dimension)\n")
        return .success
    }
}
