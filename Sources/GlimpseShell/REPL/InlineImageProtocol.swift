import Foundation

/// The terminal escape sequences that draw a picture in the text: kitty's graphics
/// protocol and iTerm2's inline images (which WezTerm also speaks).
public enum InlineImageProtocol: String, Sendable, Equatable {
    case kitty, iTerm2

    /// The protocol this terminal speaks, from its environment; nil when none is known
    /// (or inside tmux and screen, which do not pass the sequences through).
    public static func detect(environment: [String: String]) -> InlineImageProtocol? {
        if environment["TMUX"] != nil || environment["TERM"]?.hasPrefix("screen") == true { return nil }
        if environment["KITTY_WINDOW_ID"] != nil || environment["TERM"] == "xterm-kitty" { return .kitty }
        let program = environment["TERM_PROGRAM"] ?? ""
        if program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2" { return .iTerm2 }
        return nil
    }

    /// The sequence that draws a PNG `rows` text rows high at the cursor, leaving the
    /// cursor after it, so consecutive pictures sit side by side.
    public func sequence(png: [UInt8], rows: Int) -> String {
        let payload = Data(png).base64EncodedString()
        switch self {
        case .kitty:
            // The payload goes in chunks of at most 4096 bytes; m=1 says more follow.
            var chunks: [Substring] = []
            var rest = Substring(payload)
            while !rest.isEmpty {
                chunks.append(rest.prefix(4096))
                rest = rest.dropFirst(4096)
            }
            var out = ""
            for (i, chunk) in chunks.enumerated() {
                let more = i < chunks.count - 1 ? 1 : 0
                let keys = i == 0 ? "a=T,f=100,r=\(rows),m=\(more)" : "m=\(more)"
                out += "\u{1B}_G\(keys);\(chunk)\u{1B}\\"
            }
            return out
        case .iTerm2:
            return "\u{1B}]1337;File=inline=1;size=\(png.count);height=\(rows);preserveAspectRatio=1:\(payload)\u{07}"
        }
    }
}
