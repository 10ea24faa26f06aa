import GlimpseCore

/// File names as users write them in queries.
enum FilePath {
    /// Expands a leading `~` to the home folder (`HomeFolder`) and makes a relative name
    /// relative to `base` (the script's folder), or leaves it to the current directory.
    static func resolve(_ name: String, relativeTo base: String?) -> String {
        var path = HomeFolder.expanding(name)
        if !path.hasPrefix("/"), let base, !base.isEmpty {
            path = base.hasSuffix("/") ? base + path : base + "/" + path
        }
        return path
    }
}
