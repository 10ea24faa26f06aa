import GlimpseLanguage

/// Runs Glimpse text against an evaluator and writes what each statement
/// produced: the one engine behind `glimpse run`, `glimpse -c`, the REPL and `.read`.
public final class ScriptRunner {
    /// Replaced by the shell's `.open`, which swaps in another space.
    public internal(set) var evaluator: Evaluator
    public var formatter: any OutcomeFormatter
    /// Setting the format or the table style starts a fresh formatter (CSV writes its header again).
    public var format: OutputFormat {
        didSet { formatter = format.makeFormatter(style: tableStyle) }
    }
    public var tableStyle: TableStyle {
        didSet { formatter = format.makeFormatter(style: tableStyle) }
    }
    /// Asked between statements; true stops the run (Ctrl-C in the interactive shell).
    public var isInterrupted: () -> Bool = { false }
    /// Go on after a failed statement instead of stopping.
    public var keepGoing: Bool
    public var renderer: DiagnosticRenderer
    /// The last `top` or `words` result, for the REPL's `.gallery`.
    public private(set) var lastListing: Outcome?
    /// Called after each statement's output is written (the REPL's `.preview`).
    public var afterOutcome: ((Outcome) -> Void)?
    /// Statements run so far, for the `statement` field of JSON and CSV rows.
    public private(set) var statementCount = 0
    /// How many statements' searches are made together (`BatchedRun`); the output is the same
    /// whatever the limits, only the time differs.
    public var searchAhead = Evaluator.SearchAheadLimits.standard

    let write: (String) -> Void
    let writeError: (String) -> Void

    public init(evaluator: Evaluator, format: OutputFormat = .table, style: TableStyle = TableStyle(),
                keepGoing: Bool = false, renderer: DiagnosticRenderer = DiagnosticRenderer(),
                write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.evaluator = evaluator
        self.format = format
        self.tableStyle = style
        self.formatter = format.makeFormatter(style: style)
        self.keepGoing = keepGoing
        self.renderer = renderer
        self.write = write
        self.writeError = writeError
    }

    /// Parses the whole source first: with any syntax error nothing runs and every
    /// syntax error is reported. Then runs the statements in order.
    @discardableResult
    public func run(_ source: Source) -> ExitStatus {
        let (script, syntaxErrors) = Parser.parse(source)
        guard syntaxErrors.isEmpty else {
            writeError(renderer.render(syntaxErrors, in: source))
            return .syntax
        }
        return run(script, from: source)
    }

    /// Runs statements that already parsed.
    @discardableResult
    public func run(_ script: Script, from source: Source) -> ExitStatus {
        var status = ExitStatus.success
        let statements = BatchedRun(script.statements, evaluator: evaluator, stopsAtFirstError: !keepGoing, limits: searchAhead)
        for index in script.statements.indices {
            if index > 0, isInterrupted() {
                writeError("interrupted: \(script.statements.count - index) statement\(script.statements.count - index == 1 ? "" : "s") not run\n")
                break
            }
            statementCount += 1
            do throws(Diagnostic) {
                let outcome = try statements.runNext()
                write(formatter.format(outcome, statement: statementCount))
                switch outcome {
                case .images, .words: lastListing = outcome
                default: break
                }
                afterOutcome?(outcome)
            } catch {
                writeError(renderer.render(error, in: source))
                write(formatter.format(failure: error, statement: statementCount, source: source))
                status = max(status, error.id.stage == .input ? .io : .runtime)
                if !keepGoing { break }
            }
        }
        return status
    }
}
