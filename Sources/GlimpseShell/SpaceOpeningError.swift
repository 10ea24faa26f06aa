import GlimpseCore

/// A space file that could not be opened.
public struct SpaceOpeningError: Error, Sendable, CustomStringConvertible {
    /// The path tried: the one given with `~` expanded, or the default space's.
    public var path: String
    /// Why, as the space file's reader says it.
    public var reason: SpaceFileError
    /// No path was given and nothing is at the default path: the demo space has not been built.
    public var defaultSpaceMissing: Bool

    public init(path: String, reason: SpaceFileError, defaultSpaceMissing: Bool) {
        self.path = path
        self.reason = reason
        self.defaultSpaceMissing = defaultSpaceMissing
    }

    public var description: String { "\(reason)" }
}
