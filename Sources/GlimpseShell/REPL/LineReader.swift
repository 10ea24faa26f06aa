/// Where the shell's lines come from: a line editor on a terminal, or plain text.
public protocol LineReader: AnyObject {
    /// Reads one line (without its line break) after showing `prompt`, if the reader shows prompts.
    func readLine(prompt: String) -> LineInput
    /// Offers a finished entry to the reader's history (Up arrow); readers without history ignore it.
    func remember(_ entry: String)
}

/// What one read produced.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: drop what is being typed and prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}
