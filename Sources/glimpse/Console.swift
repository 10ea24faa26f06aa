import Foundation
import GlimpseLanguage
import GlimpseShell

/// The process's terminal and standard streams: the only place that touches them.
enum Console {
    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var colourOnStandardError: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Standard input as a script; bytes that are not UTF-8 are a syntax error (65).
    static func readStandardInput(name: String) throws -> Source {
        try Source(name: name, bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
    }

    /// Reads a script file; a missing or unreadable file is an I/O error (74).
    static func readScript(at path: String) throws -> Source {
        let expanded = SpaceLocation.expandTilde(path)
        guard let data = FileManager.default.contents(atPath: expanded) else {
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: expanded, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "is a folder, not a script" : "permission denied"
            throw CommandError(.io, "cannot read \(path): \(reason)")
        }
        return try Source(name: path, bytes: [UInt8](data))
    }
}
