#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names as users write them in queries.
enum FilePath {
    /// Expands a leading `~` to the home folder and makes a relative name relative
    /// to `base` (the script's folder), or leaves it to the current directory.
    static func resolve(_ name: String, relativeTo base: String?) -> String {
        var path = name
        if path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }) {
            path = home + path.dropFirst()
        }
        if !path.hasPrefix("/"), let base, !base.isEmpty {
            path = base.hasSuffix("/") ? base + path : base + "/" + path
        }
        return path
    }
}
