import ArgumentParser
import GlimpseLanguage
import GlimpsePostgres
import GlimpseShell

/// Options shared by every command that runs queries.
struct QueryOptions: ParsableArguments {
    @OptionGroup var spaceOption: SpaceOption
    @Option(help: "Output format: table, json (one object per result line), csv or paths.") var format: OutputFormat = .table
    @Flag(help: "Go on after a statement fails instead of stopping at the first error.") var keepGoing = false

    /// Opens the space and wires an evaluator and a runner to standard output.
    func openSession(scriptFolder: String? = nil) throws -> ScriptRunner {
        ScriptRunner(
            evaluator: try spaceOption.openEvaluator(scriptFolder: scriptFolder), format: format, keepGoing: keepGoing,
            renderer: DiagnosticRenderer(colour: Console.colourOnStandardError),
            write: Console.write, writeError: Console.writeError)
    }
}

/// `--space PATH`, shared by every command that opens a space.
struct SpaceOption: ParsableArguments {
    @Option(help: ArgumentHelp("The space file to open (default: $GLIMPSE_SPACE, else the demo space that 'make demo' builds), or a pushed space: postgresql://user@host/db?space=NAME[&search=hnsw&ef_search=40].", valueName: "path"))
    var space: String?

    /// The standard evaluator over the space file or pushed space, with relative file names looked up in `scriptFolder`.
    func openEvaluator(scriptFolder: String? = nil) throws -> Evaluator {
        try Evaluator.standard(opening: space, baseDirectory: scriptFolder)
    }
}

extension OutputFormat: ExpressibleByArgument {}
