/// What one request may ask of the server. Every limit is checked before any work
/// is done, and a request past one is answered with a 4xx status and a message that
/// names the limit.
public struct ServerLimits: Sendable, Equatable {
    /// The longest query text, in UTF-8 bytes (414 past it).
    public var queryBytes: Int
    /// The most listings (`top`, `words` and bare vector expressions) in one query (422 past it).
    public var listings: Int
    /// The most results all the listings of one query may ask for together (422 past it).
    public var results: Int
    /// The largest photo a page may upload, in bytes (413 past it).
    public var uploadBytes: Int
    /// The most pixels an uploaded photo may have, width times height (413 past it).
    public var uploadPixels: Int
    /// Uploaded photos kept at once; the least recently used goes first.
    public var keptUploads: Int

    public init(queryBytes: Int = 4_000, listings: Int = 16, results: Int = 1_000,
                uploadBytes: Int = 10 << 20, uploadPixels: Int = 40_000_000, keptUploads: Int = 64) {
        self.queryBytes = queryBytes
        self.listings = listings
        self.results = results
        self.uploadBytes = uploadBytes
        self.uploadPixels = uploadPixels
        self.keptUploads = keptUploads
    }
}
