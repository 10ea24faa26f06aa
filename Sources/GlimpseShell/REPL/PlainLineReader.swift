/// Lines from text or a stream, without line editing: for `.glimpserc`, for
/// `glimpse -i` with piped input, and for tests.
public final class PlainLineReader: LineReader {
    private let nextLine: () -> String?
    /// Writes the prompt and the line read, so piped input reads like a terminal session.
    private let echo: ((String) -> Void)?

    /// Reads from `nextLine` until it returns nil; with `echo`, each prompt and line is written there.
    public init(echo: ((String) -> Void)? = nil, nextLine: @escaping () -> String?) {
        self.nextLine = nextLine
        self.echo = echo
    }

    /// Reads the lines of `text` (a final line break ends the last line, it does not add an empty one).
    public convenience init(text: String, echo: ((String) -> Void)? = nil) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        var iterator = lines.makeIterator()
        self.init(echo: echo) { iterator.next() }
    }

    /// Reads standard input.
    public static func standardInput(echo: ((String) -> Void)? = nil) -> PlainLineReader {
        PlainLineReader(echo: echo) { Swift.readLine(strippingNewline: true) }
    }

    public func readLine(prompt: String) -> LineInput {
        guard var line = nextLine() else { return .endOfInput }
        if line.hasSuffix("\r") { line.removeLast() }
        echo?(prompt + line + "\n")
        return .line(line)
    }

    public func remember(_ entry: String) {}
}
