import Foundation

/// A new, empty folder for one test's files.
///
/// It lies in the test process's `ScratchFolder`, so it is removed when the process
/// exits, even after a failed test; `remove()` frees the space sooner.
public struct TemporaryFolder: Sendable {
    public let path: String

    /// `prefix` starts the folder's name, to tell the folders of a failed run apart.
    public init(_ prefix: String = "test") throws {
        path = ScratchFolder.unique(prefix).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` (which may hold folders, `img/1.png`) inside this folder.
    public func file(_ name: String) -> String {
        path + "/" + name
    }

    /// The path of `name`, with the folders it lies in created: for code that writes the file itself.
    public func pathForWriting(_ name: String) throws -> String {
        let file = file(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        return file
    }

    /// Writes `text` as UTF-8 to `name` and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name` and returns the file's path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = try pathForWriting(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
