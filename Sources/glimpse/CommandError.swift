import GlimpseLanguage
import GlimpseShell

/// Why a command failed: what it prints on standard error and its exit status (sysexits).
struct CommandError: Error {
    let status: ExitStatus
    /// Printed as it is: "glimpse: ..." lines, or rendered diagnostics.
    let text: String

    /// One "glimpse: MESSAGE" line per message.
    init(_ status: ExitStatus, _ messages: String...) {
        self.init(status, rendered: messages.map { "glimpse: \($0)\n" }.joined())
    }

    init(_ status: ExitStatus, rendered text: String) {
        self.status = status
        self.text = text
    }

    /// The one mapping from a library's error to an exit status: a script that is not
    /// UTF-8 does not parse (65); anything else a library throws is a file that could not
    /// be read or written, or is not what it claims (a space, an import, a feature cache,
    /// a model, a notebook): I/O (74). Usage errors (64) and failed statements (70) are
    /// decided where they are found.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandError: self = failure
        case is InvalidUTF8: self.init(.syntax, "\(error)")
        default: self.init(.io, "\(error)")
        }
    }
}
