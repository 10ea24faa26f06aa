import Foundation

/// What Glimpse agrees to decode: only regular files, not empty, at most `maximumBytes` long and
/// `maximumPixels` in area. Checked before libvips opens a file, so a FIFO, a device such as
/// `/dev/zero` or a 20,000 x 20,000 image is refused at once instead of blocking or eating memory.
public struct ImageFileLimits: Sendable, Equatable {
    public var maximumBytes: Int
    public var maximumPixels: Int

    public init(maximumBytes: Int = 512 << 20, maximumPixels: Int = 200_000_000) {
        self.maximumBytes = maximumBytes
        self.maximumPixels = maximumPixels
    }

    /// The limits every image operation applies: 512 MiB and 200 megapixels.
    public static let standard = ImageFileLimits()

    /// The limits for the images a caption table names, encoded into the feature cache (`glimpse
    /// build`): the same bytes, and up to a gigapixel, since the openclipart demo has two 20,990 x
    /// 29,700 PNGs that libvips shrinks while it streams them. A folder walk (`glimpse index`)
    /// checks every file against `standard` before it gets this far.
    public static let collections = ImageFileLimits(maximumPixels: 1_000_000_000)

    /// Throws unless `path` names a regular, readable file within the byte limit (it is not opened
    /// for decoding, and a FIFO is never opened at all).
    public func checkFile(path: String) throws(ImageError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ImageError(file: path, message: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ImageError(file: path, message: "a folder, not an image file")
        case S_IFIFO: throw ImageError(file: path, message: "a FIFO (named pipe), not a regular file")
        case S_IFSOCK: throw ImageError(file: path, message: "a socket, not a regular file")
        case S_IFCHR, S_IFBLK: throw ImageError(file: path, message: "a device, not a regular file")
        default: throw ImageError(file: path, message: "not a regular file")
        }
        guard info.st_size > 0 else { throw ImageError(file: path, message: "empty (0 bytes)") }
        guard info.st_size <= maximumBytes else {
            throw ImageError(file: path, message: "\(info.st_size) bytes, more than the limit of \(maximumBytes % (1 << 20) == 0 ? "\(maximumBytes >> 20) MiB" : "\(maximumBytes) bytes")")
        }
        // Readable by us? (As root every file is; elsewhere this catches chmod 000 with a clear message.)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImageError(file: path, message: "cannot be read: \(String(cString: strerror(errno)))") }
        close(descriptor)
    }

    /// `checkFile`, then the header: throws unless libvips recognises the file and its area is within the pixel limit.
    @discardableResult
    public func check(path: String) throws -> ImageFileHeader {
        try checkFile(path: path)
        let header = try ImageFileHeader.read(path: path)
        guard header.storedWidth > 0, header.storedHeight > 0 else {
            throw ImageError(file: path, message: "the header gives \(header.storedWidth) x \(header.storedHeight) pixels")
        }
        guard header.storedWidth * header.storedHeight <= maximumPixels else {
            throw ImageError(file: path, message:
                "\(header.storedWidth) x \(header.storedHeight) pixels, more than the limit of \(maximumPixels % 1_000_000 == 0 ? "\(maximumPixels / 1_000_000) megapixels" : "\(maximumPixels) pixels")")
        }
        return header
    }
}
