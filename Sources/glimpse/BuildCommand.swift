import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseShell
import GlimpseVision

/// `glimpse build`: a space with images, from a folder of captioned images or the demo collections.
struct BuildCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a space with images: encode them, learn where they go among the words, save it all.",
        discussion: """
            Encodes every image with EfficientNet-Lite0, also mirrored and zoomed out
            (--views; features are cached, so a rebuild encodes only new or changed
            images), learns for each collection a head that maps the features onto the
            GloVe vector of each image's tags, places each image by its head (averaged
            over its views) and the captions of its nearest training images, and writes
            the words, the image vectors, the heads (so image("file") works on the new
            space) and the train/validation/test split.

              glimpse build --demo -o demo.glimpse
              glimpse build --images ~/photos --captions captions.tsv -o photos.glimpse

            Captions are TSV (columns file, title, tags; tags separated by '|') or JSON
            Lines ({"file": ..., "title": ..., "tags": [...]}); file names are relative to
            --images.
            """)

    @Flag(help: "Build the demo space from the fetched openclipart and emoji collections.") var demo = false
    @Option(help: ArgumentHelp("The folder of images.", valueName: "dir")) var images: String?
    @Option(help: ArgumentHelp("The captions: TSV or JSON Lines.", valueName: "file")) var captions: String?
    @Option(help: ArgumentHelp("Word vectors in GloVe text format (default: the fetched GloVe 6B 50d).", valueName: "file")) var words: String?
    @Option(help: "The head of each collection: mlp-ens3 (three InfoNCE MLPs averaged, the default), mlp, linear (InfoNCE), or ridge (the baseline).")
    var method: HeadRecipe = .mlpEnsemble
    @OptionGroup var imageViews: ImageViewOptions<BuildCommand>
    @Flag(help: "Store each image as its head's vector alone, without the caption transfer from its nearest training images.") var noTransfer = false
    @Option(help: ArgumentHelp("How much of an image file's vector (image(\"...\")) comes from its ImageNet class names rather than the head, 0-1.", valueName: "w"))
    var zeroShotWeight: Float = SpaceBuilder.defaultZeroShotWeight
    @Option(help: "The seed of the split and of training.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: ArgumentHelp("The space file to write (atomically).", valueName: "path")) var output: String

    func validate() throws {
        guard zeroShotWeight >= 0, zeroShotWeight <= 1 else { throw ValidationError("--zero-shot-weight must be between 0 and 1") }
        do { _ = try imageSource() } catch { throw ValidationError(error.message) }
    }

    func imageSource() throws(OptionError) -> SpaceBuilder.ImageSource { try .init(demo: demo, captions: captions, images: images) }

    func perform() throws {
        let cache = GlimpseCache()
        let builder = try SpaceBuilder(
            wordFile: words ?? cache.gloveText, images: try imageSource(), transfer: !noTransfer,
            preprocessor: imageViews.framing.preprocessor, recipe: method, seed: seed,
            views: try imageViews.viewList, zeroShotWeight: zeroShotWeight,
            cache: cache, progress: TerminalProgressBar.onStandardError(), log: { Console.writeError($0 + "\n") })
        let (space, report) = try builder.build()
        try space.write(to: output)
        Console.writeError(report.render())
        Console.writeError("wrote \(output): \(space.sizeDescription)\n")
    }
}

extension BuildCommand: ImageViewDefaults {
    static let framing = ImageFraming.fit
    static let framingHelp = "Image framing: fit (whole image on white, the default) or crop (centre crop)."
    static let views = SpaceBuilder.defaultViews.map(\.description).joined(separator: ",")
    static let viewsHelp = "Extra views of every image to train on and average, comma-separated (flip, zoom0.8, zoom0.9+flip, dx8, ...), or none."
    static let viewExamples = "flip, zoom0.8, zoom0.9+flip, dx8"
}

extension HeadRecipe: ExpressibleByArgument {}
