import Foundation
import GlimpseCore
import GlimpseLanguage

/// The interactive shell: reads entries at a prompt and runs them with the same
/// runner as scripts, keeping variables and results between entries.
///
/// An entry is a dot-command line, or one or more lines of statements: a line
/// that leaves the text unfinished (an open parenthesis, a trailing operator)
/// continues on the `...>` prompt. Errors are reported and the session goes on.
public final class InteractiveShell {
    public let session: ScriptRunner
    let paths: ShellPaths
    let version: String?
    /// Opens what `.open` names (a space file's path, `~` expanded; the caller may also take a
    /// database's URL) and builds the evaluator over it.
    let openEvaluator: (String) throws -> Evaluator
    var timer = false
    /// Thumbnails under image listings (`.preview on`).
    var preview = false {
        didSet { installPreview() }
    }
    /// Makes thumbnails for `.gallery` and `.preview`; nil leaves pages without pictures.
    public var thumbnails: (any ThumbnailSource)?
    let environment: [String: String]
    /// The status of the worst entry, for input that is not a terminal.
    var worstStatus = ExitStatus.success
    /// Lines of an unfinished entry, so Tab knows it is on a `...>` line.
    private var pendingLines: [String] = []

    static let prompt = "glimpse> "
    static let continuationPrompt = "    ...> "

    public init(session: ScriptRunner, version: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                openEvaluator: @escaping (String) throws -> Evaluator = { Evaluator(space: try Space.open(path: $0)) }) {
        self.session = session
        self.paths = ShellPaths(environment: environment)
        self.environment = environment
        self.version = version
        self.openEvaluator = openEvaluator
    }

    /// On a terminal: line editing, history, completion, the start-up file and a
    /// banner; exits 0. Otherwise (`glimpse -i < file`): the lines of standard
    /// input, each echoed after its prompt so the output reads like a session;
    /// exits with the worst status of its entries.
    public func run() -> ExitStatus {
        guard isatty(STDIN_FILENO) == 1 else {
            // The echoed line already shows the query: no need to repeat it above the table.
            session.tableStyle.echoQuery = false
            return run(reader: PlainLineReader.standardInput(echo: session.write), sourceName: "<stdin>", interactive: false)
        }
        session.tableStyle = TableStyle(echoQuery: false, width: TerminalSize.columns())
        session.write(banner())
        let history = History(path: ShellPaths.createFolders(above: paths.history) ? paths.history : nil)
        let reader = LibeditLineReader(history: history.entries, home: paths.home) { [unowned self] line, cursor in
            Completer.complete(line: line, cursor: cursor,
                               in: CompletionContext(evaluator: session.evaluator, isContinuation: !pendingLines.isEmpty))
        }
        session.isInterrupted = InterruptFlag.take
        runStartupFile()
        return run(reader: reader, sourceName: "<input>", interactive: true, history: history)
    }

    /// Runs entries from `reader` until its input ends or `.exit`.
    ///
    /// Interactive: each entry is its own source (line numbers from 1), Ctrl-C
    /// drops the entry, the result is success. Otherwise line numbers count from
    /// the start of the input and the result is the worst status seen.
    @discardableResult
    public func run(reader: some LineReader, sourceName: String, interactive: Bool, history: History? = nil) -> ExitStatus {
        var lineNumber = 0
        var firstLine = 1
        pendingLines = []
        func remember(_ lines: [String]) {
            let entries = History.line(forEntry: lines).map { [$0] } ?? lines
            for entry in entries where history?.add(entry) ?? true { reader.remember(entry) }
        }
        while true {
            if interactive { refreshWidth() }
            let input = reader.readLine(prompt: pendingLines.isEmpty ? Self.prompt : Self.continuationPrompt)
            switch input {
            case .interrupted:
                pendingLines = []
                continue
            case .endOfInput:
                if !pendingLines.isEmpty {
                    // The entry stays unfinished: running it reports what is missing.
                    runEntry(pendingLines.joined(separator: "\n"), sourceName: sourceName,
                             firstLine: interactive ? 1 : firstLine)
                    pendingLines = []
                }
                if interactive { session.write("\n") }
                return interactive ? .success : worstStatus
            case .line(let line):
                lineNumber += 1
                if pendingLines.isEmpty {
                    firstLine = lineNumber
                    if DotCommand.isDotCommand(line) {
                        remember([line])
                        let command = { self.runDotCommand(line, sourceName: sourceName, lineNumber: interactive ? nil : lineNumber) }
                        if timed(command) == .exit { return interactive ? .success : worstStatus }
                        continue
                    }
                    if line.allSatisfy(\.isWhitespace) { continue }
                }
                pendingLines.append(line)
                let text = pendingLines.joined(separator: "\n")
                guard EntryCompleteness.of(text) == .complete else { continue }
                remember(pendingLines)
                pendingLines = []
                timed { runEntry(text, sourceName: sourceName, firstLine: interactive ? 1 : firstLine) }
            }
        }
    }

    /// Runs statements; the source is padded with line breaks so that diagnostics
    /// name the line of the file where the entry began.
    /// With `.preview on`, draws the thumbnails of each image listing on one line under it.
    private func installPreview() {
        guard preview, let thumbnails, let inline = InlineImageProtocol.detect(environment: environment) else {
            session.afterOutcome = nil
            return
        }
        session.afterOutcome = { [unowned self] outcome in
            guard case .images(let listing) = outcome, !listing.hits.isEmpty else { return }
            var line = ""
            for hit in listing.hits.prefix(12) {
                if let png = thumbnails.thumbnail(for: hit.record, encoding: .png) {
                    line += inline.sequence(png: png.bytes, rows: 5) + " "
                }
            }
            if !line.isEmpty { self.session.write(line + "\n") }
        }
    }

    func runEntry(_ text: String, sourceName: String, firstLine: Int) {
        let padding = String(repeating: "\n", count: max(0, firstLine - 1))
        record(session.run(Source(name: sourceName, text: padding + text)))
    }

    func record(_ status: ExitStatus) {
        worstStatus = max(worstStatus, status)
    }

    /// Runs `body`, then prints how long it took when `.timer` was on before and after it
    /// (so `.timer on` and `.timer off` themselves are not timed).
    @discardableResult
    private func timed<Result>(_ body: () -> Result) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let wasOn = timer
        let result = body()
        if wasOn && timer {
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            session.write("time: \(ScoreText.fixed(milliseconds, digits: 1)) ms\n")
        }
        return result
    }

    /// Follows the terminal's width, so tables cut their titles to fit.
    private func refreshWidth() {
        let width = TerminalSize.columns()
        if session.tableStyle.width != width { session.tableStyle.width = width }
    }

    /// Statements and dot-commands of the start-up file, as if typed, with errors named by file and line.
    private func runStartupFile() {
        guard let path = paths.startupCandidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else { return }
        switch ShellFile.read(path) {
        case .success(let source):
            run(reader: PlainLineReader(text: source.text), sourceName: path, interactive: false)
        case .failure(let error):
            report(error, location: nil)
        }
    }

    private func banner() -> String {
        let space = session.evaluator.space
        let name = version.map { "Glimpse \($0)" } ?? "Glimpse"
        return "\(name): \(Self.count(space.wordCount, "word")), \(Self.count(session.evaluator.images.count, "image")), "
            + "dimension \(space.dimension) (\(space.info.model)). Type .help for help.\n"
    }

    /// "20,000 words", "1 image".
    static func count(_ n: Int, _ noun: String) -> String {
        grouped(n) + " " + noun + (n == 1 ? "" : "s")
    }

    /// Digits in groups of three: 400,000.
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    /// Writes a shell error (not a diagnostic of the language) to standard error.
    func report(_ error: DotCommandError, location: String?) {
        let colour = session.renderer.colour
        let label = colour ? "\u{1B}[31;1merror:\u{1B}[0m" : "error:"
        var text = (location.map { $0 + ": " } ?? "") + label + " " + error.message + "\n"
        if let note = error.note { text += (colour ? "\u{1B}[36;1mnote:\u{1B}[0m" : "note:") + " " + note + "\n" }
        session.writeError(text)
        record(.runtime)
    }
}
