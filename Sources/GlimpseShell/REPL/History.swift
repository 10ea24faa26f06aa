#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shell's entry history, kept in a file one entry per line.
///
/// Each accepted entry is appended with a single write as soon as it is entered,
/// so a crash or a kill loses nothing; the file is rewritten (atomically, by
/// rename) only to trim it when it has grown to twice `capacity`.
public final class History {
    public private(set) var entries: [String]
    public let path: String?
    public let capacity: Int
    private var linesInFile: Int

    /// Loads the history at `path` (a missing file is an empty history); nil keeps it in memory only.
    public init(path: String?, capacity: Int = 1000) {
        self.path = path
        self.capacity = capacity
        let text = path.flatMap(History.readFile) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        linesInFile = lines.count
        var loaded: [String] = []
        for line in lines where History.accepts(line, after: loaded.last) { loaded.append(line) }
        entries = Array(loaded.suffix(capacity))
    }

    /// Whether `entry` belongs in a history whose last entry is `last`: not blank,
    /// not the same as the entry before it, and one line.
    public static func accepts(_ entry: String, after last: String?) -> Bool {
        !entry.allSatisfy(\.isWhitespace) && entry != last && !entry.contains("\n")
    }

    /// Adds an entry and saves it; returns false when the entry is not kept (blank or a repeat).
    @discardableResult
    public func add(_ entry: String) -> Bool {
        guard History.accepts(entry, after: entries.last) else { return false }
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        guard let path else { return true }
        if linesInFile + 1 >= 2 * capacity {
            rewrite(path)
        } else if append(entry + "\n", to: path) {
            linesInFile += 1
        }
        return true
    }

    /// The text of a multi-line entry as one history line: the lines joined by a
    /// space, which reads the same since line breaks only continue the entry;
    /// nil when a `--` comment would swallow the lines after it.
    public static func line(forEntry lines: [String]) -> String? {
        if lines.count > 1, lines.dropLast().contains(where: { $0.contains("--") }) { return nil }
        return lines.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: - File

    private func append(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return History.writeAll(fd, text)
    }

    private func rewrite(_ path: String) {
        let temporary = path + ".tmp\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let written = History.writeAll(fd, entries.map { $0 + "\n" }.joined())
        let synced = fsync(fd) == 0
        close(fd)
        if written, synced, rename(temporary, path) == 0 {
            linesInFile = entries.count
        } else {
            unlink(temporary)
        }
    }

    private static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            bytes = bytes.dropFirst(n)
        }
        return true
    }

    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
