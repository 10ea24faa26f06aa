import ArgumentParser
import GlimpseCore
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
            for text in views.split(separator: ",") where ImageView(String(text)) == nil {
                throw ValidationError("unknown view '\(text)' (identity, flip, zoom0.8, zoom0.9+flip, dx8, ...)")
            }
        }

        func run(_ collections: [ImageFileCollection], cache: GlimpseCache) throws {
            try FeatureExtraction.run(
                collections: collections, framing: framing.preprocessor, views: views.split(separator: ",").compactMap { ImageView(String($0)) },
                cache: cache, progress: TerminalProgressBar.onStandardError()
            ) { report in
                Console.write("\(report)\n")
                for failure in report.failures.prefix(10) { Console.write("  skipped \(failure)\n") }
            }
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Encode the demo collections (openclipart, emoji) into the cache.")
        @OptionGroup var encoding: Encoding

        func run() throws {
            try runReportingErrors {
                let cache = GlimpseCache()
                try encoding.run(try FeatureExtraction.demoCollections(cache: cache), cache: cache)
            }
        }
    }

    struct Collection: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Encode a collection of captioned images into the cache.")
        @Argument(help: ArgumentHelp("The captions: TSV or JSON Lines.", valueName: "captions"))
        var captions: String
        @Argument(help: ArgumentHelp("The folder image names start from (default: the captions' folder).", valueName: "image-dir"))
        var imageFolder: String?
        @Argument(help: ArgumentHelp("The collection's name in the cache (default: the captions' file name).", valueName: "name"))
        var name: String?
        @OptionGroup var encoding: Encoding

        func run() throws {
            try runReportingErrors {
                let collection = try ImageFileCollection.read(captions: captions, images: imageFolder, name: name)
                try encoding.run([collection], cache: GlimpseCache())
            }
        }
    }

    struct Embed: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the top ImageNet classes of image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func run() throws {
            try runReportingErrors {
                let cache = GlimpseCache()
                let encoder = try ImageEncoder(cache: cache)
                // Without the fetched class names a class shows as its index.
                let labels = (try? ImageNetLabels.names(labels: cache.imageNetLabels)) ?? []
                for file in files { Console.write("\(try FileClassification(file: file, encoder: encoder, labels: labels))\n") }
            }
        }
    }

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write model inputs, features and logits of image files as .npy (for Scripts/check_onnx_agreement.py).")
        @Argument(help: ArgumentHelp("The folder to write tensors.npy, features.npy and logits.npy to.", valueName: "out-dir"))
        var folder: String
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func run() throws {
            try runReportingErrors {
                let encoder = try ImageEncoder(cache: GlimpseCache())
                try encoder.writeArrays(of: files, to: folder)
                Console.write("wrote \(files.count) images to \(folder) (ONNX Runtime \(encoder.runtimeVersion))\n")
            }
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time decoding and the model on image files.")
        @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one image file") }
        }

        func run() throws {
            try runReportingErrors { Console.write("\(try EncoderStageTimes(encoder: try ImageEncoder(cache: GlimpseCache()), files: files))\n") }
        }
    }
}

/// Runs `body`; an error is printed and ends the process with status 70, as the research tools always did.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        Console.writeError("glimpse: \(error)\n")
        throw ExitCode(ExitStatus.runtime.rawValue)
    }
}
