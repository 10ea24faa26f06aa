import GlimpseCore
import GlimpseLanguage

/// Why a command failed: the text it prints on standard error and its exit status
/// (sysexits). The executable throws these and prints them in one place.
public struct CommandError: Error, Sendable {
    public let status: ExitStatus
    /// Printed as it is: "glimpse: ..." lines, or rendered diagnostics.
    public let text: String

    /// One "glimpse: MESSAGE" line per message.
    public init(_ status: ExitStatus, _ messages: String...) {
        self.init(status, rendered: messages.map { "glimpse: \($0)\n" }.joined())
    }

    public init(_ status: ExitStatus, rendered text: String) {
        self.status = status
        self.text = text
    }

    /// The one mapping from a library's error to an exit status: a script that is not
    /// UTF-8 does not parse (65); an `OptionError` found after parsing (an image number
    /// the space lacks) is usage (64); anything else a library throws is a file that could
    /// not be read or written, or is not what it claims (a space, a script, an import, a
    /// feature cache, a model, a notebook): I/O (74). Other usage errors (64) and failed
    /// statements (70) are decided where they are found.
    public init(_ error: any Error) {
        switch error {
        case let failure as CommandError:
            self = failure
        case let failure as OptionError:
            self.init(.usage, failure.message)
        case is InvalidUTF8:
            self.init(.syntax, "\(error)")
        case let failure as ScriptFileError:
            if case .invalidUTF8 = failure.reason {
                self.init(.syntax, "\(failure.path): \(failure.reason)")
            } else {
                self.init(.io, "cannot read \(failure.path): \(failure.reason)")
            }
        case let failure as SpaceOpeningError where failure.defaultSpaceMissing:
            self.init(.io, "\(failure)", "no space at \(failure.path); build the demo space with 'make demo', or pass --space PATH")
        default:
            self.init(.io, "\(error)")
        }
    }
}
