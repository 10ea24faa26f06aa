import Foundation
import GlimpseLanguage

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
}
