import Foundation

/// The files under some folders, walked recursively in name order: what `glimpse index` looks at.
///
/// Hidden files and folders (names starting with `.`) are left out unless asked for. Symbolic
/// links are followed; a folder reached a second time (a link loop, or two links to one
/// folder) is walked once, told apart by its device and inode. Only regular files are listed;
/// anything else with a name (FIFO, socket, device), a name that is not UTF-8 and a folder
/// that cannot be read are listed as skipped, with the reason.
public struct PhotoFolderWalk: Sendable {
    /// A regular file found, with what `stat` said of it.
    public struct FoundFile: Sendable, Equatable {
        public var path: String
        public var byteSize: Int
        /// Modification time in nanoseconds since 1970 (the feature cache's key) and in whole seconds.
        public var modifiedNanoseconds: Int64
        public var modifiedSeconds: Int64 { modifiedNanoseconds >= 0 ? modifiedNanoseconds / 1_000_000_000 : (modifiedNanoseconds + 1) / 1_000_000_000 - 1 }
    }

    /// Something that is not walked, and why.
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    public var files: [FoundFile] = []
    public var skipped: [Skipped] = []

    /// Walks `roots` (folders or single files). `excluded` are paths never listed (the output
    /// space); `excludedFolders` are folders never entered (the feature cache); `excludedPrefixes`
    /// leave out files whose path starts with one (the output's temporary files).
    public init(roots: [String], includeHidden: Bool, excluded: Set<String> = [], excludedFolders: Set<String> = [],
                excludedPrefixes: [String] = []) {
        var visited = Set<FolderIdentity>()
        for root in roots {
            walk(path: root, isRoot: true, includeHidden: includeHidden, visited: &visited,
                 excluded: excluded, excludedFolders: excludedFolders, excludedPrefixes: excludedPrefixes)
        }
    }

    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private mutating func walk(path: String, isRoot: Bool, includeHidden: Bool, visited: inout Set<FolderIdentity>,
                               excluded: Set<String>, excludedFolders: Set<String>, excludedPrefixes: [String]) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ELOOP ? "a loop of symbolic links" : (errno == ENOENT && !isRoot ? "a broken symbolic link" : String(cString: strerror(errno)))
            skipped.append(Skipped(path: path, reason: reason))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard !excludedFolders.contains(path) else { return }
            // A folder seen before through another link is not walked again: that is what ends loops.
            guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
            guard let names = Self.entries(of: path) else {
                skipped.append(Skipped(path: path, reason: "cannot read the folder: \(String(cString: strerror(errno)))"))
                return
            }
            for name in names {
                guard let text = name.text else {
                    skipped.append(Skipped(path: path + "/" + String(decoding: name.bytes, as: UTF8.self), reason: "the name is not UTF-8"))
                    continue
                }
                if !includeHidden, text.hasPrefix(".") { continue }
                walk(path: path == "/" ? "/" + text : path + "/" + text, isRoot: false, includeHidden: includeHidden, visited: &visited,
                     excluded: excluded, excludedFolders: excludedFolders, excludedPrefixes: excludedPrefixes)
            }
        case S_IFREG:
            guard !excluded.contains(path), !excludedPrefixes.contains(where: { path.hasPrefix($0) }) else { return }
            files.append(FoundFile(path: path, byteSize: Int(info.st_size),
                                   modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
        case S_IFIFO: skipped.append(Skipped(path: path, reason: "a FIFO (named pipe), not a regular file"))
        case S_IFSOCK: skipped.append(Skipped(path: path, reason: "a socket, not a regular file"))
        case S_IFCHR, S_IFBLK: skipped.append(Skipped(path: path, reason: "a device, not a regular file"))
        default: skipped.append(Skipped(path: path, reason: "not a regular file"))
        }
    }

    /// A folder's entry names, sorted by their bytes, without `.` and `..`; nil when it cannot be read.
    private static func entries(of path: String) -> [(bytes: [UInt8], text: String?)]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var names: [[UInt8]] = []
        while let entry = readdir(folder) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(bytes)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0, String(validating: $0, as: UTF8.self)) }
    }
}
