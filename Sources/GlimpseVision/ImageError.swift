/// A file that could not be decoded or encoded as an image, with libvips' reason.
public struct ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or a name for an in-memory buffer) the error is about.
    public let file: String
    /// What went wrong, in libvips' words where it gave any.
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
