import CVipsShim
import Foundation

/// Small encoded copies of images, for notebooks and result pages.
public enum Thumbnail {
    /// The encodings a thumbnail can have.
    public enum Format: String, Sendable, CaseIterable {
        case png, webp, jpeg

        /// The MIME type, for `data:` URIs.
        public var mimeType: String { "image/\(rawValue)" }

        func suffix(quality: Int) -> String {
            switch self {
            case .png: ".png"
            case .webp: ".webp[Q=\(quality)]"
            case .jpeg: ".jpg[Q=\(quality)]"
            }
        }
    }

    /// The image at `path` scaled to fit in `size` x `size`, encoded as `format`.
    ///
    /// Transparency is kept for PNG and WebP and flattened onto white for JPEG.
    /// `quality` (1-100) applies to WebP and JPEG.
    public static func encode(path: String, size: Int = 128, format: Format = .webp, quality: Int = 80) throws -> [UInt8] {
        precondition(size > 0 && (1...100).contains(quality))
        try VipsLibrary.start()
        try ImageFileLimits.standard.check(path: path)
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard gv_thumbnail_encode(path, Int32(size), format.suffix(quality: quality), &buffer, &length) == 0,
              let buffer else {
            throw VipsLibrary.error(file: path, fallback: "cannot make a thumbnail")
        }
        defer { gv_free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: length))
    }

    /// The thumbnail as a `data:` URI, ready for an HTML `img` element.
    public static func dataURI(path: String, size: Int = 128, format: Format = .webp, quality: Int = 80) throws -> String {
        let bytes = try encode(path: path, size: size, format: format, quality: quality)
        return "data:\(format.mimeType);base64," + Data(bytes).base64EncodedString()
    }
}
