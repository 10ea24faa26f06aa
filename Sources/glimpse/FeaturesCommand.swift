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

    /// Which framing and views to encode; each is cached under its own name (`ImagePreprocessor.cacheSuffix`).
    struct Encoding: ParsableArguments {
        @Option(help: "Image framing: crop (centre crop) or fit (whole image on white).")
        var framing: BuildCommand.Framing = .crop

        @Option(help: ArgumentHelp("Views to encode, comma-separated (identity, flip, zoom0.8, zoom0.9+flip, dx8, ...).", valueName: "views"))
        var views = "identity"

        func validate() throws {
            do {
                _ = try ImageView.list(views)
            } catch {
                throw ValidationError("unknown view '\(error.text)' (identity, flip, zoom0.8, zoom0.9+flip, dx8, ...)")
            }
        }

        func run(_ collections: [ImageFileCollection], cache: GlimpseCache) throws {
            try FeatureExtraction.run(
                collections: collections, framing: framing.preprocessor, views: try ImageView.list(views),
                cache: cache, progress: TerminalProgressBar.onStandardError()
            ) { report in
                Console.write("\(report)\n")
                for failure in report.failures.prefix(10) { Console.write("  skipped \(failure)\n") }
            }
        }
    }

    struct Demo: GlimpseCommand {
        static let configuration = CommandConfiguration(abstract: "Encode the demo collections (openclipart, emoji) into the cache.")
        @OptionGroup var encoding: Encoding

        func execute() throws -> ExitStatus {
            let cache = GlimpseCache()
            try encoding.run(try FeatureExtraction.demoCollections(cache: cache), cache: cache)
            return .success
        }
    }

    struct Collection: GlimpseCommand {
        static let configuration = CommandConfiguration(abstract: "Encode a collection of captioned images into the cache.")
        @Argument(help: ArgumentHelp("The captions: TSV or JSON Lines.", valueName: "captions"))
        var captions: String
        @Argument(help: ArgumentHelp("The folder image names start from (default: the captions' folder).", valueName: "image-dir"))
        var imageFolder: String?
        @Argument(help: ArgumentHelp("The collection's name in the cache (default: the captions' file name).", valueName: "name"))
        var name: String?
        @OptionGroup var encoding: Encoding

        func execute() throws -> ExitStatus {
            let collection = try ImageFileCollection.read(captions: captions, images: imageFolder, name: name)
            try encoding.run([collection], cache: GlimpseCache())
            return .success
        }
    }

    struct Embed: GlimpseCommand {
        static let configuration = CommandConfiguration(abstract: "Print the top ImageNet classes of image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func execute() throws -> ExitStatus {
            let cache = GlimpseCache()
            let encoder = try ImageEncoder(cache: cache)
            // Without the fetched class names a class shows as its index.
            let labels = (try? ImageNetLabels.names(labels: cache.imageNetLabels)) ?? []
            for file in files { Console.write("\(try FileClassification(file: file, encoder: encoder, labels: labels))\n") }
            return .success
        }
    }

    struct Dump: GlimpseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write model inputs, features and logits of image files as .npy (for Scripts/check_onnx_agreement.py).")
        @Argument(help: ArgumentHelp("The folder to write tensors.npy, features.npy and logits.npy to.", valueName: "out-dir"))
        var folder: String
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func execute() throws -> ExitStatus {
            let encoder = try ImageEncoder(cache: GlimpseCache())
            try encoder.writeArrays(of: files, to: folder)
            Console.write("wrote \(files.count) images to \(folder) (ONNX Runtime \(encoder.runtimeVersion))\n")
            return .success
        }
    }

    struct Bench: GlimpseCommand {
        static let configuration = CommandConfiguration(abstract: "Time decoding and the model on image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        }

        func execute() throws -> ExitStatus {
            Console.write("\(try EncoderStageTimes(encoder: try ImageEncoder(cache: GlimpseCache()), files: files))\n")
            return .success
        }
    }
}
