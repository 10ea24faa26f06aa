import ArgumentParser
import GlimpseImagePipeline
import GlimpseLanguage
import GlimpsePostgres
import GlimpseShell

@main
struct Glimpse: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "glimpse",
        abstract: "Explore a joint space of images and words with vector arithmetic.",
        discussion: """
            With no subcommand and no -c, glimpse reads statements from standard input: an
            interactive shell on a terminal, a script otherwise.

              glimpse -c 'words 3 king - man + woman'
              glimpse -c 'let x = beach + sunrise; top 5 x' --format json
              echo 'top 5 "ice cream" + beach' | glimpse run -

            Exit status: 0 success, 64 usage, 65 syntax error, 70 runtime error, 74 I/O
            error.
            """,
        version: GlimpseVersion.string,
        subcommands: [RunCommand.self, ImportCommand.self, BuildCommand.self, IndexCommand.self, EvalCommand.self, ExportCommand.self,
                      NotebookCommand.self, ServeCommand.self, BenchCommand.self, CalibrateCommand.self, FeaturesCommand.self,
                      PushCommand.self])

    @Option(name: .customShort("c"), help: ArgumentHelp("Run the statements in SCRIPT and exit.", valueName: "script")) var command: String?
    @Flag(name: [.customShort("i"), .long], help: ArgumentHelp(
        "Run the interactive shell even when standard input is not a terminal: each line is echoed after its prompt, dot-commands work, and the exit status is the worst of the entries."))
    var interactive = false
    @OptionGroup var options: QueryOptions

    func execute() throws -> ExitStatus {
        let session = try options.openSession()
        if let command { return session.run(Source(name: "<command>", text: command)) }
        if Console.standardInputIsTerminal || interactive {
            let shell = InteractiveShell(session: session, version: GlimpseVersion.string, openEvaluator: { try Evaluator.standard(opening: $0) })
            shell.thumbnails = CachedThumbnails()
            return shell.run()
        }
        return session.run(try Console.readStandardInput(name: "<stdin>"))
    }
}
