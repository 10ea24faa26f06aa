import GlimpseCore
import GlimpseLanguage

/// A script run once and kept with its results: what `glimpse notebook` renders.
///
/// Each entry holds the comment lines written above a statement (shown as prose),
/// the statement's text, and its outcome or its error.
public struct Notebook: Sendable {
    public var title: String
    public var header: Header
    public var entries: [Entry]

    public init(title: String, header: Header, entries: [Entry]) {
        self.title = title
        self.header = header
        self.entries = entries
    }

    /// Where the results came from, printed at the top so a reader can reproduce them.
    public struct Header: Sendable, Equatable {
        public var glimpseVersion: String
        /// The space file's name (not its full path, which differs between machines).
        public var spaceName: String
        public var checksum: String
        public var wordCount: Int
        public var imageCount: Int
        public var dimension: Int
        public var model: String

        public init(glimpseVersion: String, space: Space) {
            self.glimpseVersion = glimpseVersion
            let path = space.info.path ?? "(in memory)"
            spaceName = String(path.split(separator: "/").last ?? Substring(path))
            checksum = space.info.checksum
            wordCount = space.wordCount
            imageCount = space.imageCount
            dimension = space.dimension
            model = space.info.model
        }

        /// The header of a session's space: its images may be kept elsewhere, as in a database
        /// (named by its address, which never holds the password).
        public init(glimpseVersion: String, evaluator: Evaluator) {
            self.init(glimpseVersion: glimpseVersion, space: evaluator.space)
            imageCount = evaluator.images.count
            if evaluator.space.info.path == nil, let location = evaluator.images.whereabouts.first { spaceName = location.value }
        }
    }

    public struct Entry: Sendable {
        /// Comment lines directly above the statement, without their `--`.
        public var prose: [String]
        public var source: String
        public var result: Result

        public init(prose: [String] = [], source: String, result: Result) {
            self.prose = prose
            self.source = source
            self.result = result
        }

        public enum Result: Sendable {
            case outcome(Outcome)
            /// The rendered diagnostic (no colour).
            case failure(id: String, text: String)
        }
    }

    /// Runs every statement of `source`, going on after runtime errors so the
    /// notebook shows them. Syntax errors are returned instead: nothing runs.
    public static func run(_ source: Source, title: String, evaluator: Evaluator, glimpseVersion: String,
                           searchAhead: Evaluator.SearchAheadLimits = .standard) -> (notebook: Notebook?, syntaxErrors: [Diagnostic]) {
        let (script, syntaxErrors) = Parser.parse(source)
        guard syntaxErrors.isEmpty else { return (nil, syntaxErrors) }
        let renderer = DiagnosticRenderer(colour: false)
        var entries: [Entry] = []
        var previousEnd = 0
        let run = BatchedRun(script.statements, evaluator: evaluator, stopsAtFirstError: false, limits: searchAhead)
        for statement in script.statements {
            let prose = commentLines(in: source, from: previousEnd, to: statement.range.lowerBound)
            previousEnd = statement.range.upperBound
            let result: Entry.Result
            do throws(Diagnostic) {
                result = .outcome(try run.runNext())
            } catch {
                result = .failure(id: error.id.rawValue, text: renderer.render(error, in: source))
            }
            entries.append(Entry(prose: prose, source: source.text(in: statement.range), result: result))
        }
        let header = Header(glimpseVersion: glimpseVersion, evaluator: evaluator)
        return (Notebook(title: title, header: header, entries: entries), [])
    }

    /// The `--` comment lines between two offsets, in order; a blank line or
    /// code between them starts a new paragraph (kept as an empty string).
    static func commentLines(in source: Source, from start: Int, to end: Int) -> [String] {
        let text = source.text(in: SourceRange(start, end))
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("--") {
                let body = line.dropFirst(2)
                lines.append(String(body.hasPrefix(" ") ? body.dropFirst() : body).trimmingTrailingSpace)
            } else if !lines.isEmpty, lines.last != "" {
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// How many statements failed (the notebook shows their diagnostics).
    public var failureCount: Int {
        entries.filter { if case .failure = $0.result { true } else { false } }.count
    }

    /// What `glimpse notebook` says of it once written: `3 statements`, and `, 1 with errors
    /// (shown in the notebook)` when some failed.
    public var summary: String {
        "\(entries.count) statements" + (failureCount > 0 ? ", \(failureCount) with errors (shown in the notebook)" : "")
    }

    /// Images shown anywhere in the notebook, in order of first appearance.
    public var imagesShown: [(row: Int, id: String, record: ImageRecord)] {
        var seen = Set<Int>()
        var images: [(Int, String, ImageRecord)] = []
        for entry in entries {
            guard case .outcome(let outcome) = entry.result else { continue }
            switch outcome {
            case .images(let listing):
                for hit in listing.hits where seen.insert(hit.row).inserted { images.append((hit.row, hit.id, hit.record)) }
            case .image(let details):
                if seen.insert(details.row).inserted { images.append((details.row, details.id, details.record)) }
            default:
                break
            }
        }
        return images
    }
}

extension StringProtocol {
    var trimmingTrailingSpace: String {
        var text = String(self)
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        return text
    }
}
