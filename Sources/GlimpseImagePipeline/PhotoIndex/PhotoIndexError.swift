/// Why `glimpse index` cannot run: its base space has no image model, or its output is a space it did not make.
public struct PhotoIndexError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
