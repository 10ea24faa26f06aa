import Foundation
import GlimpseCore
import GlimpseLanguage

/// A script on disk, as `glimpse run` and `glimpse notebook` read it and the shell reads
/// `.read` files and its start-up file.
public enum ScriptFile {
    /// The file at `location` (by default `path` with `~` expanded) as a source named
    /// `path`, so that diagnostics name the script as the user wrote it (`~/x.gq`).
    public static func read(_ path: String, at location: String? = nil) throws(ScriptFileError) -> Source {
        let location = location ?? HomeFolder.expanding(path)
        guard let data = FileManager.default.contents(atPath: location) else {
            var isFolder: ObjCBool = false
            let reason: ScriptFileError.Reason =
                !FileManager.default.fileExists(atPath: location, isDirectory: &isFolder) ? .missing
                : isFolder.boolValue ? .folder : .permissionDenied
            throw ScriptFileError(path: path, reason: reason)
        }
        do {
            return try Source(name: path, bytes: [UInt8](data))
        } catch {
            throw ScriptFileError(path: path, reason: .invalidUTF8(byteOffset: error.byteOffset))
        }
    }
}
