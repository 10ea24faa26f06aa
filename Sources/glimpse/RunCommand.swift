import ArgumentParser
import GlimpseShell

/// `glimpse run FILE`: runs a script file, or standard input for `-`.
struct RunCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script file (or - for standard input).")

    @Argument(help: ArgumentHelp("The script to run, or - for standard input.", valueName: "file")) var file: String
    @OptionGroup var options: QueryOptions

    func execute() throws -> ExitStatus {
        let source = file == "-" ? try Console.readStandardInput(name: "<stdin>") : try ScriptFile.read(file)
        let session = try options.openSession(scriptFolder: file == "-" ? nil : SpaceLocation.folder(of: file))
        return session.run(source)
    }
}
