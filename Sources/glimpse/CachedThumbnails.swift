import Foundation
import GlimpseCore
import GlimpseShell
import GlimpseVision

/// Thumbnails made with libvips at one fixed size and kept in the cache
/// (`$GLIMPSE_CACHE/thumbnails`), keyed by the image's bytes, so a notebook re-run
/// encodes nothing and gives the same bytes.
struct CachedThumbnails: ThumbnailSource {
    /// The longest side, in pixels.
    static let size = 160
    let folder: String

    init(cache: GlimpseCache = GlimpseCache()) {
        folder = cache.root + "/thumbnails"
    }

    func thumbnail(for record: ImageRecord, encoding: ThumbnailEncoding) -> EncodedThumbnail? {
        guard let data = FileManager.default.contents(atPath: record.file) else { return nil }
        let format: Thumbnail.Format = encoding == .png ? .png : .webp
        let key = String(XXHash64.hash([UInt8](data)), radix: 16) + "-\(data.count)-\(CachedThumbnails.size)"
        let path = "\(folder)/\(key).\(format.rawValue)"
        let made = { (bytes: [UInt8]) in EncodedThumbnail(bytes: bytes, mimeType: format.mimeType, fileExtension: format.rawValue) }
        if let cached = FileManager.default.contents(atPath: path), !cached.isEmpty { return made([UInt8](cached)) }
        guard let bytes = try? Thumbnail.encode(path: record.file, size: CachedThumbnails.size, format: format, quality: 80)
        else { return nil }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? AtomicFile.write(bytes, to: path)  // a cache: failing to keep it costs time, not results
        return made(bytes)
    }
}
