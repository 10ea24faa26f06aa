import GlimpseLanguage
import GlimpseShell

/// A query from the page, run through the engine: each statement's outcome, or its
/// diagnostic rendered as the shell renders it.
///
/// The page treats a bare expression that is a vector (`beach + sunrise`, a clicked
/// `IMG_4009`) as a search for images, as the origin did: it runs
/// `top \(gridSize) beach + sunrise`. A bare number stays a number. `scriptText`
/// writes those searches out, so the downloaded script and notebook give what the
/// page showed.
struct PageRun {
    /// How many images a bare vector expression lists.
    static let gridSize = 24
    /// The name diagnostics give the query, as the interactive shell names its input.
    static let sourceName = "<input>"

    let source: Source
    /// The rendered syntax errors when the query does not parse; then nothing ran.
    var syntaxErrors: String?
    var entries: [Entry] = []
    /// Names the query binds with `let`; a word link must quote these.
    var variables: Set<String> = []

    struct Entry {
        /// The statement as written.
        var text: String
        var result: Result
        /// Where `top \(gridSize) ` goes in `scriptText`: a bare vector expression's start.
        var listedAsTop: Int?
    }

    enum Result {
        case outcome(Outcome)
        /// The diagnostic as the shell prints it (no colour).
        case failure(String)
    }

    /// Parses and runs `text`, going on after a statement fails (as notebooks do), so
    /// the page shows every result and every error. Refuses a query past `limits`
    /// before running anything.
    static func run(_ text: String, evaluator: Evaluator, limits: ServerLimits) throws(LimitRefusal) -> PageRun {
        let source = Source(name: sourceName, text: text)
        let renderer = DiagnosticRenderer(colour: false)
        let (script, syntaxErrors) = Parser.parse(source)
        var run = PageRun(source: source)
        guard syntaxErrors.isEmpty else {
            run.syntaxErrors = renderer.render(syntaxErrors, in: source)
            return run
        }
        try LimitRefusal.check(script, limits: limits, defaultCount: evaluator.defaultCount, bareExpressionCount: gridSize)
        for statement in script.statements {
            if case .binding(let name, _) = statement.kind { run.variables.insert(name.text) }
            let result: Result
            var listedAsTop: Int?
            do throws(Diagnostic) {
                if case .expression(let expression) = statement.kind, case .vector = try evaluator.evaluate(expression) {
                    let start = statement.range.lowerBound
                    let top = Statement(.top(count: Count(gridSize, range: SourceRange(start, start)), query: expression, clauses: ListingClauses()),
                                        range: statement.range)
                    result = .outcome(try evaluator.run(top))
                    listedAsTop = start
                } else {
                    result = .outcome(try evaluator.run(statement))
                }
            } catch {
                result = .failure(renderer.render(error, in: source))
            }
            run.entries.append(Entry(text: source.text(in: statement.range), result: result, listedAsTop: listedAsTop))
        }
        return run
    }

    /// The query as the page ran it: each bare vector expression written as the
    /// `top` it listed, so `glimpse run` and `glimpse notebook` give the same results.
    var scriptText: String {
        var scalars = source.scalars
        for start in entries.compactMap(\.listedAsTop).sorted(by: >) {
            scalars.insert(contentsOf: "top \(PageRun.gridSize) ".unicodeScalars, at: start)
        }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// A query that asks for more than the server gives one request.
struct LimitRefusal: Error, Equatable {
    var status: Int
    var message: String

    /// Refuses a script with too many listings, or whose listings ask for too many results together.
    static func check(_ script: Script, limits: ServerLimits, defaultCount: Int, bareExpressionCount: Int) throws(LimitRefusal) {
        var listings = 0
        var results = 0
        for statement in script.statements {
            switch statement.kind {
            case .top(let count, _, _), .words(let count, _, _):
                listings += 1
                results += count?.value ?? defaultCount
            case .expression:
                listings += 1
                results += bareExpressionCount
            case .binding, .show:
                break
            }
        }
        if listings > limits.listings {
            throw LimitRefusal(status: 422, message: "this query has \(listings) listings; a request may have at most \(limits.listings)")
        }
        if results > limits.results {
            throw LimitRefusal(status: 422, message: "this query asks for \(results) results; a request may ask for at most \(NotebookHTML.grouped(limits.results))")
        }
    }

    /// Refuses a query text longer than the limit.
    static func check(queryText text: String, limits: ServerLimits) throws(LimitRefusal) {
        if text.utf8.count > limits.queryBytes {
            throw LimitRefusal(status: 414, message: "the query is \(NotebookHTML.grouped(text.utf8.count)) bytes long; the limit is \(NotebookHTML.grouped(limits.queryBytes))")
        }
    }
}
