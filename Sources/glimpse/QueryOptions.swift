import ArgumentParser
import GlimpseCore
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

    /// Opens the space at `space`, or the default one (exit 74 when it cannot), and
    /// makes an evaluator over it.
    static func openEvaluator(space: String?, scriptFolder: String? = nil) throws -> Evaluator {
        // A `~` the shell left alone (quoted, or in --space=~/...) still means the home folder.
        let path = space.map(SpaceLocation.expandTilde) ?? SpaceLocation.defaultPath
        let opened: Space
        do {
            opened = try Space.open(path: path)
        } catch {
            Console.writeError("glimpse: \(error)\n")
            if space == nil && !SpaceLocation.exists(path) {
                Console.writeError("glimpse: no space at \(path); build the demo space with 'make demo', or pass --space PATH\n")
            }
            throw ExitCode(ExitStatus.io.rawValue)
        }
        let evaluator = makeEvaluator(for: opened)
        evaluator.baseDirectory = scriptFolder
        return evaluator
    }
}

/// An evaluator over `space` with the fastest exact searches for its storage and,
/// when the space carries an image model, `image("file")`.
func makeEvaluator(for space: Space) -> Evaluator {
    Evaluator(space: space, wordSearch: space.wordSearch(), wordSearchAmongFirst: { space.wordSearch(amongFirst: $0) },
              imageSearch: space.imageSearch(),
              imageEmbedder: HeadImageEmbedder.of(space))
}

/// `--space PATH`, shared by every command that opens a space.
struct SpaceOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The space file to open (default: $GLIMPSE_SPACE, else the demo space that 'make demo' builds).",
        valueName: "path"))
    var space: String?
}

extension OutputFormat: ExpressibleByArgument {}
