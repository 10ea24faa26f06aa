import ArgumentParser
import GlimpseShell
import GlimpseVision

/// `glimpse features`: the vision stage on its own, for set-up scripts and checks (not in the main help).
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Encode image collections into the feature cache, or check the image model.",
        shouldDisplay: false,
        subcommands: [Demo.self, Collection.self, Embed.self, Dump.self, Bench.self])

    /// Encodes `collections` in the framing and views given (each cached under its own name,
    /// `ImagePreprocessor.cacheSuffix`), printing each collection's report.
    static func encode(_ collections: [ImageFileCollection], _ options: ImageViewOptions<FeaturesCommand>, cache: GlimpseCache) throws {
        try FeatureExtraction.run(collections: collections, framing: options.framing.preprocessor, views: try options.viewList,
                                  cache: cache, progress: TerminalProgressBar.onStandardError()) { Console.write($0.summary()) }
    }

    struct Demo: GlimpseTask {
        static let configuration = CommandConfiguration(abstract: "Encode the demo collections (openclipart, emoji) into the cache.")
        @OptionGroup var imageViews: ImageViewOptions<FeaturesCommand>

        func perform() throws {
            let cache = GlimpseCache()
            try FeaturesCommand.encode(try FeatureExtraction.demoCollections(cache: cache), imageViews, cache: cache)
        }
    }

    struct Collection: GlimpseTask {
        static let configuration = CommandConfiguration(abstract: "Encode a collection of captioned images into the cache.")
        @Argument(help: ArgumentHelp("The captions: TSV or JSON Lines.", valueName: "captions")) var captions: String
        @Argument(help: ArgumentHelp("The folder image names start from (default: the captions' folder).", valueName: "image-dir"))
        var imageFolder: String?
        @Argument(help: ArgumentHelp("The collection's name in the cache (default: the captions' file name).", valueName: "name")) var name: String?
        @OptionGroup var imageViews: ImageViewOptions<FeaturesCommand>

        func perform() throws {
            let collection = try ImageFileCollection.read(captions: captions, images: imageFolder, name: name)
            try FeaturesCommand.encode([collection], imageViews, cache: GlimpseCache())
        }
    }

    struct Embed: GlimpseTask {
        static let configuration = CommandConfiguration(abstract: "Print the top ImageNet classes of image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file")) var files: [String]

        func perform() throws {
            try FileClassification.classify(files, cache: GlimpseCache()) { Console.write("\($0)\n") }
        }
    }

    struct Dump: GlimpseTask {
        static let configuration = CommandConfiguration(
            abstract: "Write model inputs, features and logits of image files as .npy (for Scripts/check_onnx_agreement.py).")
        @Argument(help: ArgumentHelp("The folder to write tensors.npy, features.npy and logits.npy to.", valueName: "out-dir")) var folder: String
        @Argument(help: ArgumentHelp("Image files.", valueName: "file")) var files: [String]

        func perform() throws {
            let encoder = try ImageEncoder(cache: GlimpseCache())
            try encoder.writeArrays(of: files, to: folder)
            Console.write("wrote \(files.count) images to \(folder) (ONNX Runtime \(encoder.runtimeVersion))\n")
        }
    }

    struct Bench: GlimpseTask {
        static let configuration = CommandConfiguration(abstract: "Time decoding and the model on image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file")) var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        }

        func perform() throws {
            Console.write("\(try EncoderStageTimes(encoder: try ImageEncoder(cache: GlimpseCache()), files: files))\n")
        }
    }
}

extension FeaturesCommand: ImageViewDefaults {
    static let framing = ImageFraming.crop
    static let framingHelp = "Image framing: crop (centre crop) or fit (whole image on white)."
    static let views = "identity"
    static let viewsHelp = "Views to encode, comma-separated (identity, flip, zoom0.8, zoom0.9+flip, dx8, ...)."
    static let viewExamples = "identity, flip, zoom0.8, zoom0.9+flip, dx8"
}
