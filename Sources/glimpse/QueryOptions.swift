import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseLanguage
import GlimpseShell

/// Options shared by every command that runs queries.
struct QueryOptions: ParsableArguments {
    @OptionGroup var spaceOption: SpaceOption
    var space: String? { spaceOption.space }

    @Option(help: "Output format: table, json (one object per result line), csv or paths.")
    var format: OutputFormat = .table

    @Flag(help: "Go on after a statement fails instead of stopping at the first error.")
    var keepGoing = false

    /// Opens the space and wires an evaluator and a runner to standard output.
    func openSession(scriptFolder: String? = nil) throws -> ScriptRunner {
        ScriptRunner(
            evaluator: try openEvaluator(scriptFolder: scriptFolder), format: format, keepGoing: keepGoing,
            renderer: DiagnosticRenderer(colour: Console.colourOnStandardError),
            write: Console.write, writeError: Console.writeError)
    }

    func openEvaluator(scriptFolder: String? = nil) throws -> Evaluator {
        try QueryOptions.openEvaluator(space: space, scriptFolder: scriptFolder)
    }

    /// Opens the space at `space`, or the default one, and makes an evaluator over it.
    static func openEvaluator(space: String?, scriptFolder: String? = nil) throws -> Evaluator {
        let evaluator = makeEvaluator(for: try openSpace(space))
        evaluator.baseDirectory = scriptFolder
        return evaluator
    }

    /// Opens the space at `path`, or the default one; failing is an I/O error (74).
    static func openSpace(_ path: String?) throws -> Space {
        // A `~` the shell left alone (quoted, or in --space=~/...) still means the home folder.
        let resolved = path.map(SpaceLocation.expandTilde) ?? SpaceLocation.defaultPath
        do {
            return try Space.open(path: resolved)
        } catch {
            guard path == nil && !SpaceLocation.exists(resolved) else { throw CommandError(.io, "\(error)") }
            throw CommandError(.io, "\(error)", "no space at \(resolved); build the demo space with 'make demo', or pass --space PATH")
        }
    }
}

/// An evaluator over `space` with the fastest exact searches for its storage and,
/// when the space carries an image model, `image("file")`.
func makeEvaluator(for space: Space) -> Evaluator {
    Evaluator(space: space, wordSearch: space.wordSearch(), wordSearchAmongFirst: { space.wordSearch(amongFirst: $0) },
              imageSearch: space.imageSearch(),
              imageEmbedder: SpaceImageEmbedder.of(space))
}

/// `--space PATH`, shared by every command that opens a space.
struct SpaceOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The space file to open (default: $GLIMPSE_SPACE, else the demo space that 'make demo' builds).",
        valueName: "path"))
    var space: String?
}

extension OutputFormat: ExpressibleByArgument {}
