import ArgumentParser
import GlimpseCore
import GlimpseLanguage
import GlimpseShell

/// Options shared by every command that runs queries.
struct QueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The space file to open (default: $GLIMPSE_SPACE, else the demo space that 'make demo' builds).",
        valueName: "path"))
    var space: String?

    @Option(help: "Output format: table, json (one object per result line), csv or paths.")
    var format: OutputFormat = .table

    @Flag(help: "Go on after a statement fails instead of stopping at the first error.")
    var keepGoing = false

    /// Opens the space and wires an evaluator and a runner to standard output.
    func openSession(scriptFolder: String? = nil) throws -> ScriptRunner {
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
        let evaluator = Evaluator(space: opened)
        evaluator.baseDirectory = scriptFolder
        return ScriptRunner(
            evaluator: evaluator, format: format, keepGoing: keepGoing,
            renderer: DiagnosticRenderer(colour: Console.colourOnStandardError),
            write: Console.write, writeError: Console.writeError)
    }
}

extension OutputFormat: ExpressibleByArgument {}
