import Foundation
import GlimpseLanguage

/// Files the shell reads: `.read` scripts and the start-up file.
enum ShellFile {
    /// The file as a source named by the path as given; a clear error when it cannot be read.
    static func read(_ path: String, expandedPath: String? = nil) -> Result<Source, DotCommandError> {
        let expanded = expandedPath ?? path
        guard let data = FileManager.default.contents(atPath: expanded) else {
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: expanded, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "it is a folder" : "permission denied"
            return .failure(DotCommandError("cannot read '\(path)': \(reason)"))
        }
        do {
            return .success(try Source(name: path, bytes: [UInt8](data)))
        } catch {
            return .failure(DotCommandError("cannot read '\(path)': invalid UTF-8 at byte \(error.byteOffset)"))
        }
    }

    /// The folder holding a file, for the relative names in `image("...")`.
    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }
}
