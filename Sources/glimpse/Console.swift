import ArgumentParser
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

    static func readStandardInput(name: String) throws -> Source {
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        return try decode(bytes, name: name)
    }

    /// Reads a script file; a missing or unreadable file is an I/O error (74).
    static func readScript(at path: String) throws -> Source {
        let expanded = SpaceLocation.expandTilde(path)
        guard let data = FileManager.default.contents(atPath: expanded) else {
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: expanded, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "is a folder, not a script" : "permission denied"
            writeError("glimpse: cannot read \(path): \(reason)\n")
            throw ExitCode(ExitStatus.io.rawValue)
        }
        return try decode([UInt8](data), name: path)
    }

    private static func decode(_ bytes: [UInt8], name: String) throws -> Source {
        do {
            return try Source(name: name, bytes: bytes)
        } catch {
            writeError("glimpse: \(error)\n")
            throw ExitCode(ExitStatus.syntax.rawValue)
        }
    }
}
