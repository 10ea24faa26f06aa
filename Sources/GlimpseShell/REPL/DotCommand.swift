import GlimpseLanguage

/// A shell command: one line starting with `.`, outside the query language.
public enum DotCommand: Equatable, Sendable {
    case help(topic: String?)
    case mode(OutputFormat)
    case timer(Bool)
    /// `.k N`: the K of `top` and `words` when a statement gives none.
    case defaultCount(Int)
    case read(path: String)
    case vars
    /// `.show IMG_n`: the argument as typed, and its UTF-8 offset in the line (for carets).
    case show(argument: String, offset: Int)
    case space
    case open(path: String)
    /// `.gallery [FILE]`: the last listing as an HTML page.
    case gallery(path: String?)
    /// `.preview on|off`: thumbnails under image listings, on terminals that show images.
    case preview(Bool)
    case exit

    /// Every command name, as typed after the dot.
    public static let names = ["help", "mode", "timer", "k", "read", "vars", "show", "space", "open", "gallery", "preview", "exit"]

    /// How each command is written, for `.help` and error notes.
    public static let usage: [String: String] = [
        "help": ".help [topic]", "mode": ".mode table|json|csv|paths", "timer": ".timer on|off",
        "k": ".k N", "read": ".read FILE", "vars": ".vars", "show": ".show IMG_n", "space": ".space",
        "open": ".open PATH", "gallery": ".gallery [FILE]", "preview": ".preview on|off", "exit": ".exit",
    ]

    /// Whether a line (at the start of an entry) is a dot-command rather than a
    /// statement: its first non-blank character is a dot followed by a letter
    /// (`.5*park` is a number).
    public static func isDotCommand(_ line: String) -> Bool {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.first == ".", let next = text.dropFirst().first else { return false }
        return next.isLetter
    }

    /// Reads a dot-command line.
    public static func parse(_ line: String) -> Result<DotCommand, DotCommandError> {
        let leading = line.prefix { $0 == " " || $0 == "\t" }
        let afterDot = line.dropFirst(leading.count + 1)
        let name = String(afterDot.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        let rest = afterDot.dropFirst(name.count)
        let argument = rest.trimmingBlanks()
        let argumentOffset = line.utf8.count - rest.drop { $0 == " " || $0 == "\t" }.utf8.count
        let lowered = name.lowercased()

        guard names.contains(lowered) else {
            let note = ClosestName.find(lowered, among: names).map { "did you mean '.\($0)'?" }
                ?? "'.help' lists the commands"
            return .failure(DotCommandError("unknown command '.\(name)'", note: note))
        }
        if !["read", "open", "gallery"].contains(lowered), argument.contains(";") {
            return .failure(DotCommandError("'.\(lowered)' takes one line without ';'",
                                            note: "write statements on a line of their own"))
        }
        func noArgument(_ command: DotCommand) -> Result<DotCommand, DotCommandError> {
            argument.isEmpty ? .success(command) : .failure(DotCommandError("'.\(lowered)' takes no argument"))
        }
        switch lowered {
        case "help":
            if argument.isEmpty { return .success(.help(topic: nil)) }
            guard !argument.contains(where: { $0 == " " || $0 == "\t" }) else {
                return .failure(DotCommandError("'.help' takes one topic", note: "usage: .help [topic]"))
            }
            return .success(.help(topic: argument))
        case "mode":
            guard let format = OutputFormat(rawValue: argument.lowercased()) else {
                let shown = argument.isEmpty ? "" : " (not '\(argument)')"
                return .failure(DotCommandError("'.mode' takes table, json, csv or paths\(shown)"))
            }
            return .success(.mode(format))
        case "timer", "preview":
            switch argument.lowercased() {
            case "on": return .success(lowered == "timer" ? .timer(true) : .preview(true))
            case "off": return .success(lowered == "timer" ? .timer(false) : .preview(false))
            default: return .failure(DotCommandError("'.\(lowered)' takes on or off"))
            }
        case "gallery":
            let path = unquoted(argument)
            return .success(.gallery(path: path.isEmpty ? nil : path))
        case "k":
            guard let count = Int(argument), (1...Parser.maximumCount).contains(count) else {
                return .failure(DotCommandError("'.k' takes a whole number from 1 to \(Parser.maximumCount)",
                                                note: "the current K is shown by '.space'"))
            }
            return .success(.defaultCount(count))
        case "read", "open":
            let path = unquoted(argument)
            guard !path.isEmpty else {
                return .failure(DotCommandError("'.\(lowered)' needs a file name", note: "usage: \(usage[lowered]!)"))
            }
            return .success(lowered == "read" ? .read(path: path) : .open(path: path))
        case "show":
            guard !argument.isEmpty else {
                return .failure(DotCommandError("'.show' needs an image", note: "usage: .show IMG_n (or #n)"))
            }
            return .success(.show(argument: argument, offset: argumentOffset))
        case "vars": return noArgument(.vars)
        case "space": return noArgument(.space)
        default: return noArgument(.exit)
        }
    }

    /// A path in double or single quotes may hold spaces; the quotes are not part of it.
    private static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

/// A dot-command that cannot run as typed.
public struct DotCommandError: Error, Equatable, Sendable {
    public var message: String
    public var note: String?

    public init(_ message: String, note: String? = nil) {
        self.message = message
        self.note = note
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
