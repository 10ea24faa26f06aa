import GlimpseLearning

/// How a photo's vector is made from its CNN features and ImageNet logits: one of the
/// methods `glimpse eval --photos` compares (docs/photos.md), made into a `PhotoPlacer`.
///
/// Written and parsed as comma-separated `key=value` pairs, every key optional
/// (defaults: `current`'s): `head=openclipart,share=0.75,top=10,temperature=1,
/// classes=stored,views=one,transfer=none,csls=0`.
public struct PhotoPlacement: Sendable, Equatable, CustomStringConvertible {
    /// Which ImageNet class vectors the zero-shot signal sums.
    public enum ClassVectors: String, Sendable, CaseIterable {
        /// The space's own (class name and WordNet hypernyms, `ZeroShotEmbedding`).
        case stored
        /// The class names alone.
        case names
    }

    /// The collection whose head projects the photo (a prefix of its cache name: `openclipart`, `emoji`).
    public var head: String
    /// The zero-shot signal's share of the mix (0: the head alone, 1: zero-shot alone).
    public var share: Float
    /// How many of the most probable classes the zero-shot vector sums.
    public var top: Int
    /// The softmax temperature of the class probabilities (1: the model's own).
    public var temperature: Float
    public var classes: ClassVectors
    /// Whether the vector is the mean over the image's views (itself, mirrored, zoomed out) or of itself alone.
    public var averagesViews: Bool
    /// Caption transfer from the head collection's captioned images (nil: none).
    public var transfer: NeighbourTransfer?
    /// What the transfer compares a photo with (written `transfer=k:t:w:space` for `.space`).
    public var transferMemory: TransferMemory

    public enum TransferMemory: String, Sendable {
        /// The clip-art's CNN features (from the feature cache), by the photo's features.
        case features
        /// The clip-art's vectors stored in the space, by the photo's vector (`PhotoTransferMemory`).
        case space
    }
    /// CSLS hubness correction over this many nearest words (0: none). It changes the
    /// ranking of a query, not the vectors.
    public var hubnessNeighbours: Int

    public init(head: String = "openclipart", share: Float = 0.75, top: Int = 10, temperature: Float = 1,
                classes: ClassVectors = .stored, averagesViews: Bool = false, transfer: NeighbourTransfer? = nil,
                transferMemory: TransferMemory = .features, hubnessNeighbours: Int = 0) {
        self.head = head
        self.share = share
        self.top = top
        self.temperature = temperature
        self.classes = classes
        self.averagesViews = averagesViews
        self.transfer = transfer
        self.transferMemory = transferMemory
        self.hubnessNeighbours = hubnessNeighbours
    }

    /// What `image("file")` did before caption transfer, and still does in spaces built
    /// before it: `normalise(0.25 head + 0.75 zero-shot)`, one view.
    public static let current = PhotoPlacement()

    /// Parses the `key=value,...` form; a key or value not known throws a `PlacementError` saying which.
    public init(parsing text: String) throws {
        self.init()
        for pair in text.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw PlacementError("'\(pair)' is not key=value") }
            let (key, value) = (parts[0], parts[1])
            switch key {
            case "head": head = value
            case "share":
                guard let x = Float(value), (0...1).contains(x) else { throw PlacementError("share must be from 0 to 1, not '\(value)'") }
                share = x
            case "top":
                guard let x = Int(value), x >= 1 else { throw PlacementError("top must be a whole number from 1, not '\(value)'") }
                top = x
            case "temperature":
                guard let x = Float(value), x > 0, x.isFinite else { throw PlacementError("temperature must be above 0, not '\(value)'") }
                temperature = x
            case "classes":
                guard let x = ClassVectors(rawValue: value) else { throw PlacementError("classes must be stored or names, not '\(value)'") }
                classes = x
            case "views":
                guard value == "one" || value == "mean" else { throw PlacementError("views must be one or mean, not '\(value)'") }
                averagesViews = value == "mean"
            case "transfer":
                if value == "none" { transfer = nil; continue }
                let fromSpace = value.hasSuffix(":space")
                guard let x = NeighbourTransfer(fromSpace ? String(value.dropLast(6)) : value), x.similarity == .features else {
                    throw PlacementError("transfer must be none, k:temperature:weight or k:temperature:weight:space, not '\(value)'")
                }
                transfer = x
                transferMemory = fromSpace ? .space : .features
            case "csls":
                guard let x = Int(value), x >= 0 else { throw PlacementError("csls must be a whole number from 0, not '\(value)'") }
                hubnessNeighbours = x
            default:
                throw PlacementError("unknown key '\(key)' (head, share, top, temperature, classes, views, transfer, csls)")
            }
        }
    }

    public var description: String {
        let t = transfer.map { "\($0.neighbours):\(Self.number($0.temperature)):\(Self.number($0.weight))"
            + (transferMemory == .space ? ":space" : "") } ?? "none"
        return "head=\(head),share=\(Self.number(share)),top=\(top),temperature=\(Self.number(temperature)),"
            + "classes=\(classes.rawValue),views=\(averagesViews ? "mean" : "one"),transfer=\(t),csls=\(hubnessNeighbours)"
    }

    private static func number(_ x: Float) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}

/// A `PhotoPlacement` text that does not parse.
public struct PlacementError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
