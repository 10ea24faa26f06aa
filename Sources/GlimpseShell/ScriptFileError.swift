/// Why a script could not be read. Each caller frames it: the executable as
/// `glimpse: cannot read PATH: REASON`, the shell as the error of a `.read`.
public struct ScriptFileError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// Nothing is at the path.
        case missing
        /// The path is a folder.
        case folder
        /// The file is there but cannot be read.
        case permissionDenied
        /// The bytes are not UTF-8 from this offset on.
        case invalidUTF8(byteOffset: Int)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .folder: "is a folder, not a script"
            case .permissionDenied: "permission denied"
            case .invalidUTF8(let byteOffset): "invalid UTF-8 at byte \(byteOffset)"
            }
        }
    }

    /// The path as the user wrote it.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}
