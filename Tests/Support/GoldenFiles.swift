import Foundation

/// What a program run gave: the text of its standard output and standard error, and its exit status.
public struct ProgramOutput: Sendable, Equatable {
    public var standardOutput: String
    public var standardError: String
    public var status: Int32

    public init(standardOutput: String, standardError: String, status: Int32) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.status = status
    }
}

/// The expected output of one golden test, in files that share a name:
///
///     NAME.out     standard output
///     NAME.err     standard error (missing: empty)
///     NAME.status  the exit status and a line break (missing: 0)
///
/// The golden scripts (Tests/Scripts) and the REPL transcripts (Tests/Transcripts)
/// both keep their expected output this way. With GLIMPSE_UPDATE_GOLDEN=1 in the
/// environment a test writes these files from the actual output instead of comparing
/// (an empty standard error and a status of 0 as missing files); review the diff.
public struct GoldenFiles: Sendable {
    /// The folder that `name` is relative to.
    public var folder: String
    /// The files' path without extension, relative to `folder`, as messages show it.
    public var name: String

    public init(in folder: String, name: String) {
        self.folder = folder
        self.name = name
    }

    /// The environment variable that makes `check` rewrite the files.
    public static let updateVariable = "GLIMPSE_UPDATE_GOLDEN"

    public static var isUpdating: Bool { ProcessInfo.processInfo.environment[updateVariable] == "1" }

    /// Compares `actual` with the files, or rewrites them from it when updating.
    /// Returns nil when they match (or were rewritten), else what differs, line by line.
    public func check(_ actual: ProgramOutput) throws -> String? {
        if Self.isUpdating {
            try write(actual)
            return nil
        }
        let expected = try read()
        var problems: [String] = []
        if let difference = Self.difference(expected: expected.standardOutput, actual: actual.standardOutput) {
            problems.append("standard output differs from \(name).out:\n\(difference)")
        }
        if let difference = Self.difference(expected: expected.standardError, actual: actual.standardError) {
            problems.append("standard error differs from \(name).err:\n\(difference)")
        }
        if expected.status != actual.status {
            problems.append("exit status \(actual.status), expected \(expected.status) (\(name).status)")
        }
        guard !problems.isEmpty else { return nil }
        return problems.joined(separator: "\n")
            + "\n(\(Self.updateVariable)=1 swift test rewrites the expected files from this run; review the diff)"
    }

    /// The expected output the files hold.
    public func read() throws -> ProgramOutput {
        let standardOutput = try String(contentsOfFile: path(".out"), encoding: .utf8)
        let standardError = FileManager.default.fileExists(atPath: path(".err"))
            ? try String(contentsOfFile: path(".err"), encoding: .utf8) : ""
        var status: Int32 = 0
        if FileManager.default.fileExists(atPath: path(".status")) {
            let text = try String(contentsOfFile: path(".status"), encoding: .utf8)
            guard let number = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw UnreadableStatus(file: name + ".status", text: text)
            }
            status = number
        }
        return ProgramOutput(standardOutput: standardOutput, standardError: standardError, status: status)
    }

    /// Writes `output` as the expected output: .out always, .err and .status only when not empty and not 0.
    public func write(_ output: ProgramOutput) throws {
        try FileManager.default.createDirectory(atPath: (path("") as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try output.standardOutput.write(toFile: path(".out"), atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: path(".err"))
        try? FileManager.default.removeItem(atPath: path(".status"))
        if !output.standardError.isEmpty {
            try output.standardError.write(toFile: path(".err"), atomically: true, encoding: .utf8)
        }
        if output.status != 0 {
            try "\(output.status)\n".write(toFile: path(".status"), atomically: true, encoding: .utf8)
        }
    }

    public struct UnreadableStatus: Error, CustomStringConvertible {
        public var file: String
        public var text: String
        public var description: String { "\(file) holds \(text.debugDescription), not an exit status" }
    }

    private func path(_ extension: String) -> String {
        folder + "/" + name + `extension`
    }

    /// Where two texts part: the first differing lines with their numbers, as `-` (expected)
    /// and `+` (actual) around two lines of context; nil when the texts are equal.
    static func difference(expected: String, actual: String, shownLines: Int = 12) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var lines: [String] = []
        func show(_ mark: String, _ number: Int, _ line: Substring) {
            // Quotes make trailing spaces and control characters visible.
            let text = line.contains(where: { $0 == "\r" || $0 == "\t" }) || line.last == " " ? line.debugDescription : String(line)
            lines.append("\(mark) \(String(number).leftPadded(to: 4)) | \(text)")
        }
        for number in max(0, prefix - 2)..<prefix { show(" ", number + 1, old[number]) }
        let removed = old[prefix..<(old.count - suffix)], added = new[prefix..<(new.count - suffix)]
        for (offset, line) in removed.prefix(shownLines).enumerated() { show("-", prefix + offset + 1, line) }
        if removed.count > shownLines { lines.append("  ... \(removed.count - shownLines) more expected lines") }
        for (offset, line) in added.prefix(shownLines).enumerated() { show("+", prefix + offset + 1, line) }
        if added.count > shownLines { lines.append("  ... \(added.count - shownLines) more actual lines") }
        if expected + "\n" == actual || actual + "\n" == expected { lines.append("  (only the line break at the end differs)") }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
