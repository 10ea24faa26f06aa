import Foundation
import GlimpseCore

/// Thumbnails made with libvips at one fixed size and kept in the cache
/// (`$GLIMPSE_CACHE/thumbnails`), keyed by the image's bytes, so a notebook re-run
/// encodes nothing and gives the same bytes.
public struct ThumbnailCache: Sendable {
    /// The longest side, in pixels.
    public static let size = 160
    public let folder: String

    public init(cache: GlimpseCache = GlimpseCache()) {
        folder = cache.root + "/thumbnails"
    }

    /// The thumbnail of the image file at `path`, or nil when it cannot be read or decoded.
    public func thumbnail(of path: String, format: Thumbnail.Format) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let key = String(XXHash64.hash([UInt8](data)), radix: 16) + "-\(data.count)-\(Self.size)"
        let cached = "\(folder)/\(key).\(format.rawValue)"
        if let bytes = FileManager.default.contents(atPath: cached), !bytes.isEmpty { return [UInt8](bytes) }
        guard let bytes = try? Thumbnail.encode(path: path, size: Self.size, format: format, quality: 80) else { return nil }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? AtomicFile.write(bytes, to: cached)  // a cache: failing to keep it costs time, not results
        return bytes
    }
}
