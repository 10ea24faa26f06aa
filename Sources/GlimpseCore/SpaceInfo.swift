/// Where a space came from and which file holds it.
public struct SpaceInfo: Sendable, Equatable {
    /// The model that produced the vectors, e.g. "glove.6B.50d".
    public var model: String
    /// Free text about the source data, e.g. the files imported.
    public var source: String
    /// The space file, or nil for a space built in memory.
    public var path: String?
    /// Hex of the file checksum (xxHash64 of header and section table), or "" for a space built in memory.
    public var checksum: String
    /// The major format version of the file (the version a space built in memory would be written with).
    public var formatVersion: Int

    public init(model: String, source: String, path: String?, checksum: String, formatVersion: Int) {
        self.model = model
        self.source = source
        self.path = path
        self.checksum = checksum
        self.formatVersion = formatVersion
    }
}
