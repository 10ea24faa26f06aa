import GlimpseLanguage

/// Runs Glimpse text against an evaluator and writes what each statement
/// produced: the one engine behind `glimpse run`, `glimpse -c`, the REPL and `.read`.
public final class ScriptRunner {
    public let evaluator: Evaluator
    public var formatter: any OutcomeFormatter
    /// Go on after a failed statement instead of stopping.
    public var keepGoing: Bool
    public var renderer: DiagnosticRenderer
    /// Statements run so far, for the `statement` field of JSON and CSV rows.
    public private(set) var statementCount = 0

    private let write: (String) -> Void
    private let writeError: (String) -> Void

    public init(evaluator: Evaluator, format: OutputFormat = .table, style: TableStyle = TableStyle(),
                keepGoing: Bool = false, renderer: DiagnosticRenderer = DiagnosticRenderer(),
                write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.evaluator = evaluator
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
        for statement in script.statements {
            statementCount += 1
            do throws(Diagnostic) {
                let outcome = try evaluator.run(statement)
                write(formatter.format(outcome, statement: statementCount))
            } catch {
                writeError(renderer.render(error, in: source))
                write(formatter.format(failure: error, statement: statementCount, source: source))
                status = .runtime
                if !keepGoing { break }
            }
        }
        return status
    }
}
