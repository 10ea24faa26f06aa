import Foundation

/// File names for Tab after `.read`, `.open` and `image("`: the entries of the
/// typed folder that start with the typed name, folders ending in `/`.
enum FileNameCompletion {
    /// Whole replacements for `typed` (a path as typed, `~` allowed), sorted; hidden
    /// files only when the name typed starts with a dot.
    static func candidates(for typed: String, home: String, limit: Int = 100) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderTyped = slash.map { String(typed[...$0]) } ?? ""
        let name = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderTyped.isEmpty ? "." : folderTyped
        if folder == "~/" || folder.hasPrefix("~/") { folder = home + folder.dropFirst() }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.filter { $0.hasPrefix(name) && (name.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted().prefix(limit).map { entry in
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + entry, isDirectory: &isFolder)
                return folderTyped + entry + (isFolder.boolValue ? "/" : "")
            }
    }
}
