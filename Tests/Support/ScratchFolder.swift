import Foundation

/// Folders for the files tests write, all under one folder per test process that
/// is removed when the process exits, so test runs leave nothing behind in /tmp.
public enum ScratchFolder {
    private static let root: URL = {
        let root = URL(fileURLWithPath: rootPath(of: getpid()))
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ScratchFolder.rootPath(of: getpid())) }
        return root
    }()

    private static func rootPath(of process: pid_t) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("glimpse-tests-\(process)").path
    }

    /// The folder `name` in this process's scratch folder, created if needed: the
    /// same folder for every caller that gives the same name.
    public static func named(_ name: String) -> URL {
        let folder = root.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A new, empty folder whose name starts with `prefix`.
    public static func unique(_ prefix: String) -> URL {
        named("\(prefix)-\(UUID().uuidString)")
    }
}
