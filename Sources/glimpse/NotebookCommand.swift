import ArgumentParser
import GlimpseLanguage
import GlimpseShell

/// `glimpse notebook SCRIPT -o FILE.html|FILE.md`: runs a script and keeps its results.
struct NotebookCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run a script and render it with its results as HTML or Markdown.",
        discussion: """
            Each statement appears in order with the comment lines above it (as prose),
            its text, the query as evaluated and its result: a grid of thumbnails for
            'top', a table for 'words', the diagnostic for an error. The HTML is one file
            with the thumbnails embedded; the Markdown links thumbnails written to
            FILE_files/. The same script and space give the same bytes on every run.
            """)

    @Argument(help: ArgumentHelp("The script to run.", valueName: "script")) var script: String
    @Option(name: .shortAndLong, help: ArgumentHelp("The notebook to write: .html or .md.", valueName: "file")) var output: String
    @OptionGroup var spaceOption: SpaceOption

    func validate() throws {
        guard NotebookFile.isNotebook(output) else {
            throw ValidationError("the notebook must end in .html or .md, not '\(output)'")
        }
    }

    func perform() throws {
        let source = try NotebookFile.source(script: script)
        let evaluator = try spaceOption.openEvaluator(scriptFolder: SpaceLocation.folder(of: script))
        let (notebook, syntaxErrors) = Notebook.run(source, title: source.name, evaluator: evaluator, glimpseVersion: GlimpseVersion.string)
        guard let notebook else {
            throw CommandError(.syntax, rendered: DiagnosticRenderer(colour: Console.colourOnStandardError).render(syntaxErrors, in: source))
        }
        try NotebookFile.write(notebook, to: output, thumbnails: CachedThumbnails())
        Console.writeError("wrote \(output): \(notebook.summary)\n")
    }
}
