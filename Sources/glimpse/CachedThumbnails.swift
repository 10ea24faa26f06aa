import GlimpseCore
import GlimpseShell
import GlimpseVision

/// The shell's and the notebook's thumbnails, from the thumbnail cache.
struct CachedThumbnails: ThumbnailSource {
    var cache = ThumbnailCache()

    func thumbnail(for record: ImageRecord, encoding: ThumbnailEncoding) -> EncodedThumbnail? {
        let format: Thumbnail.Format = encoding == .png ? .png : .webp
        return cache.thumbnail(of: record.file, format: format)
            .map { EncodedThumbnail(bytes: $0, mimeType: format.mimeType, fileExtension: format.rawValue) }
    }
}
