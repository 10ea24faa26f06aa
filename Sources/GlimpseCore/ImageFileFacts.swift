/// What an image's file says about it besides its picture: its size in bytes and pixels, its
/// times and the camera. A photo-folder indexer records them; a space that has them answers
/// `where date >= 2019-06-01` or `where size > 2e6`.
///
/// Any field may be unknown (nil): a PNG has no date taken, a drawing no camera.
public struct ImageFileFacts: Sendable, Equatable {
    /// The file's length in bytes.
    public var byteSize: Int?
    public var pixelWidth: Int?
    public var pixelHeight: Int?
    /// The file's modification time, in seconds since 1970-01-01 00:00 UTC.
    public var modified: Int64?
    /// When the picture was taken (EXIF DateTimeOriginal), in seconds since 1970-01-01 00:00 of the
    /// camera's clock: EXIF records a local date and time without a zone, so this is a calendar
    /// date and time, not an instant.
    public var taken: Int64?
    /// The camera's make and model, as EXIF gives them (`Canon EOS 5D`).
    public var camera: String?

    public init(byteSize: Int? = nil, pixelWidth: Int? = nil, pixelHeight: Int? = nil,
                modified: Int64? = nil, taken: Int64? = nil, camera: String? = nil) {
        self.byteSize = byteSize
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.modified = modified
        self.taken = taken
        self.camera = camera
    }
}
