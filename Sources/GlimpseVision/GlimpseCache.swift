import Foundation
import GlimpseCore

/// Where Glimpse keeps fetched assets and derived files, and where it looks for them.
///
/// The root is `$GLIMPSE_CACHE`, else `$XDG_CACHE_HOME/glimpse`, else
/// `~/.cache/glimpse`, the same rule as Scripts/fetch-assets.sh.
public struct GlimpseCache: Sendable, Equatable {
    /// The cache's root folder.
    public var root: String
    private var environment: [String: String]

    public init(root: String) {
        self.root = root
        self.environment = [:]
    }

    /// The cache named by the environment (see the type's summary).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit = environment["GLIMPSE_CACHE"], !explicit.isEmpty {
            root = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            root = xdg + "/glimpse"
        } else {
            root = HomeFolder(environment: environment).path + "/.cache/glimpse"
        }
        self.environment = environment
    }

    /// The folder of cached image features (`<name>.features.npy`, ...).
    public var featuresDirectory: String { root + "/features" }

    /// GloVe 6B 50d in the standard text format.
    public var gloveText: String { root + "/glove.6B.50d.txt" }

    /// ImageNet-1k class names in the model's logit order (columns index, wnid, name).
    public var imageNetLabels: String { root + "/imagenet1k_labels.tsv" }
    /// darknet's WordNet subtree (`9k.labels`, `9k.names`, `9k.tree`): the classes' hypernyms.
    public var wordNetTree: String { root + "/wordnet9k" }

    /// Places to look for libonnxruntime, best first: `$GLIMPSE_ONNXRUNTIME`, then the cache.
    public var onnxRuntimeCandidates: [String] {
        var paths: [String] = []
        if let explicit = environment["GLIMPSE_ONNXRUNTIME"], !explicit.isEmpty { paths.append(explicit) }
        paths.append(root + "/libonnxruntime.so")
        if let versioned = try? FileManager.default.contentsOfDirectory(atPath: root)
            .filter({ $0.hasPrefix("libonnxruntime.so.1.") || $0.hasPrefix("libonnxruntime.1.") })
            .sorted().last {
            paths.append(root + "/" + versioned)
        }
        return paths
    }

    /// Places to look for the image model, best first: `$GLIMPSE_MODEL`, the cache's copy,
    /// then `models/` in the working directory and above the running executable (a checkout).
    public var modelCandidates: [String] {
        let name = "efficientnet_lite0.onnx"
        var paths: [String] = []
        if let explicit = environment["GLIMPSE_MODEL"], !explicit.isEmpty { paths.append(explicit) }
        paths.append(root + "/models/" + name)
        paths.append(FileManager.default.currentDirectoryPath + "/models/" + name)
        // .build/<config>/glimpse or .build/<triple>/<config>/glimpse inside a checkout.
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            folder.deleteLastPathComponent()
            paths.append(folder.path + "/models/" + name)
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The first existing ONNX Runtime library, or an error listing where it looked.
    public func onnxRuntimeLibrary() throws -> String {
        let candidates = onnxRuntimeCandidates
        if let explicit = environment["GLIMPSE_ONNXRUNTIME"], !explicit.isEmpty,
           !FileManager.default.fileExists(atPath: explicit) {
            // A path the user named must not be silently replaced by another library.
            throw ONNXRuntimeError.libraryNotFound(searched: [explicit + " ($GLIMPSE_ONNXRUNTIME)"])
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ONNXRuntimeError.libraryNotFound(searched: candidates)
        }
        return found
    }

    /// The first existing image model file, or an error listing where it looked.
    public func imageModel() throws -> String {
        if let explicit = environment["GLIMPSE_MODEL"], !explicit.isEmpty,
           !FileManager.default.fileExists(atPath: explicit) {
            throw ONNXRuntimeError.modelNotFound(searched: [explicit + " ($GLIMPSE_MODEL)"])
        }
        let candidates = modelCandidates
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ONNXRuntimeError.modelNotFound(searched: candidates)
        }
        return found
    }
}
