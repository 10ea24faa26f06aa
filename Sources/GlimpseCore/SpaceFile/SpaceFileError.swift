/// Why a space file cannot be opened or written: the file and the problem, in words a user can act on.
public struct SpaceFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, independent of the file.
    public enum Problem: Sendable, Equatable {
        /// The operating system refused (open, read, write, fsync, rename); `errno` text included.
        case system(operation: String, message: String)
        /// The file does not start with the space file magic.
        case notASpaceFile
        /// A newer major version than this reader understands.
        case unsupportedVersion(major: Int, minor: Int, supportedMajor: Int)
        /// Something ends past the end of the file.
        case truncated(what: String, end: UInt64, fileSize: UInt64)
        /// The bytes of a region do not hash to the recorded checksum.
        case checksumMismatch(what: String, expected: UInt64, actual: UInt64)
        /// A required section is absent.
        case missingSection(SectionKind)
        /// A section this reader does not know but that the writer marked required.
        case unknownRequiredSection(UInt32)
        /// The header or a section is present and intact but its content is inconsistent.
        case malformed(what: String, detail: String)
    }

    /// The file as the caller named it.
    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "\(path): " + problemDescription
    }

    private var problemDescription: String {
        switch problem {
        case let .system(operation, message):
            return "cannot \(operation): \(message)"
        case .notASpaceFile:
            return "not a glimpse space file (bad magic bytes)"
        case let .unsupportedVersion(major, minor, supported):
            return "format version \(major).\(minor) is newer than this glimpse understands (\(supported).x); upgrade glimpse"
        case let .truncated(what, end, fileSize):
            return "truncated: \(what) ends at byte \(end) but the file has \(fileSize) bytes"
        case let .checksumMismatch(what, expected, actual):
            return "corrupt: checksum of \(what) is \(hex(actual)), expected \(hex(expected))"
        case .missingSection(let kind):
            return "malformed: missing section '\(kind)'"
        case .unknownRequiredSection(let kind):
            return "needs a newer glimpse: required section of unknown kind \(kind)"
        case let .malformed(what, detail):
            return "malformed: \(what): \(detail)"
        }
    }
}

/// 16 lowercase hex digits.
func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
