import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line editing on a terminal through libedit: the cursor keys, Up/Down through
/// the history, Tab completion, and Ctrl-C that drops the line being typed.
public final class LibeditLineReader: LineReader {
    /// Asked on Tab with the line and the cursor's UTF-8 offset.
    public typealias Completing = (_ line: String, _ cursor: Int) -> Completion

    /// libedit calls back through a C function pointer that cannot capture, so the
    /// completer of the one reader in use lives here (only touched on that thread).
    nonisolated(unsafe) private static var completing: Completing?
    /// For `~/` in file names.
    nonisolated(unsafe) private static var home = "/"

    /// Starts libedit with `history` already in it (oldest first) and installs the Ctrl-C handler.
    public init(history: [String], home: String, completing: @escaping Completing) {
        LibeditLineReader.completing = completing
        LibeditLineReader.home = home
        using_history()
        stifle_history(Int32(clamping: max(history.count, 1000)))
        for entry in history { _ = add_history(entry) }
        glimpse_editline_configure(LibeditLineReader.attemptCompletion)
        InterruptFlag.install()
    }

    public func readLine(prompt: String) -> LineInput {
        _ = InterruptFlag.take()   // a Ctrl-C typed while a search ran is spent
        guard let raw = readline(prompt) else {
            // readline() returns NULL for Ctrl-D and, with the SIGINT handler
            // installed without SA_RESTART, for Ctrl-C: the flag tells them apart.
            if InterruptFlag.take() {
                // The terminal is in raw mode, so nothing echoed the key: show it and end the line.
                LibeditLineReader.writeOut("^C\n")
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        // A Ctrl-C that came while libedit was busy (say, completing) did not end the
        // read, and the user went on to press Enter on a line still shown: keep it.
        _ = InterruptFlag.take()
        return .line(String(cString: raw))
    }

    private static func writeOut(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    public func remember(_ entry: String) {
        _ = add_history(entry)
    }

    /// libedit's `rl_attempted_completion_function`: the matches for `text`, the
    /// word libedit found before the cursor, as a malloc'd array it frees.
    private static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        let typed = text.map { String(cString: $0) } ?? ""
        let line = glimpse_editline_buffer().map { String(cString: $0) } ?? ""
        let cursor = Int(glimpse_editline_cursor())
        guard var completion = completing?(line, cursor) else { return nil }
        let lineBytes = Array(line.utf8)
        if completion.wantsFileNames {
            let typedPath = String(decoding: lineBytes[min(completion.start, lineBytes.count)..<min(cursor, lineBytes.count)], as: UTF8.self)
            completion.candidates = FileNameCompletion.candidates(for: typedPath, home: LibeditLineReader.home)
        }
        guard !completion.candidates.isEmpty else {
            glimpse_editline_completion_options(1, 0)
            return nil
        }
        // Our word may start before or after libedit's (it breaks words on its own
        // characters): rewrite each candidate to replace exactly libedit's word.
        let libeditStart = max(0, min(cursor, lineBytes.count) - typed.utf8.count)
        func adjusted(_ candidate: String) -> String {
            if completion.start < libeditStart {
                let extra = libeditStart - completion.start
                return String(decoding: Array(candidate.utf8).dropFirst(extra), as: UTF8.self)
            }
            let gap = lineBytes[min(libeditStart, lineBytes.count)..<min(completion.start, lineBytes.count)]
            return String(decoding: gap, as: UTF8.self) + candidate
        }
        let single = completion.candidates.count == 1 && !completion.isTruncated
        // After a function's '(' or a folder's '/' typing goes on: no space.
        let append: Int32 = single && (completion.candidates[0].hasSuffix("(") || completion.candidates[0].hasSuffix("/")) ? 0 : 0x20
        glimpse_editline_completion_options(1, append)

        let typedWord = String(decoding: lineBytes[min(completion.start, lineBytes.count)..<min(cursor, lineBytes.count)], as: UTF8.self)
        // As rl_completion_matches makes it: the text to insert, then every match.
        // libedit takes one match equal to the text as a whole word and appends the space.
        let matches = [completion.commonPrefix(typed: typedWord)] + completion.candidates
        // libedit free()s the array and each string, so both come from malloc.
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 1)
        guard let memory = malloc(size) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 1)
        for (i, match) in matches.enumerated() { array[i] = strdup(adjusted(match)) }
        array[matches.count] = nil
        return array
    }
}
