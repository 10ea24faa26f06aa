import GlimpseCore

/// Makes the small pictures notebooks and galleries show. The executable provides
/// one backed by the image library; tests may provide their own.
public protocol ThumbnailSource {
    /// The encoded thumbnail of an image, or nil when the file cannot be read
    /// (the page then shows the image's id and title without a picture).
    func thumbnail(for record: ImageRecord, encoding: ThumbnailEncoding) -> EncodedThumbnail?
}

/// How a thumbnail is encoded: WebP for pages (small, keeps transparency), PNG for
/// terminals (the only format every inline-image protocol takes).
public enum ThumbnailEncoding: String, Sendable {
    case webp, png
}

/// An encoded image: its bytes, MIME type and file extension.
public struct EncodedThumbnail: Sendable, Equatable {
    public var bytes: [UInt8]
    public var mimeType: String
    public var fileExtension: String

    public init(bytes: [UInt8], mimeType: String, fileExtension: String) {
        self.bytes = bytes
        self.mimeType = mimeType
        self.fileExtension = fileExtension
    }
}
