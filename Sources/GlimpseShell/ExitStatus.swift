/// Process exit statuses, after BSD sysexits.
public enum ExitStatus: Int32, Sendable, Comparable {
    case success = 0
    /// Bad command line.
    case usage = 64
    /// The script does not parse.
    case syntax = 65
    /// A statement failed: unknown word, type error, zero vector...
    case runtime = 70
    /// A file could not be read or written, or is not what it claims.
    case io = 74

    public static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}
