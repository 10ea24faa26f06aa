import ArgumentParser
import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseShell

/// `glimpse notebook SCRIPT -o FILE.html|FILE.md`: runs a script and keeps its results.
struct NotebookCommand: GlimpseCommand {
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

    @Argument(help: ArgumentHelp("The script to run.", valueName: "script"))
    var script: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The notebook to write: .html or .md.", valueName: "file"))
    var output: String

    @OptionGroup var spaceOption: SpaceOption

    func validate() throws {
        guard output.hasSuffix(".html") || output.hasSuffix(".md") else {
            throw ValidationError("the notebook must end in .html or .md, not '\(output)'")
        }
    }

    func execute() throws -> ExitStatus {
        let title = String(script.split(separator: "/").last ?? Substring(script))
        // Diagnostics name the script by its file name, so where it was run from
        // does not change the notebook's bytes.
        let source = Source(name: title, text: try Console.readScript(at: script).text)
        let evaluator = try QueryOptions.openEvaluator(space: spaceOption.space, scriptFolder: SpaceLocation.folder(of: script))
        let (notebook, syntaxErrors) = Notebook.run(source, title: title, evaluator: evaluator, glimpseVersion: GlimpseVersion.string)
        guard let notebook else {
            throw CommandError(.syntax, rendered: DiagnosticRenderer(colour: Console.colourOnStandardError).render(syntaxErrors, in: source))
        }
        let thumbnails = CachedThumbnails()
        if output.hasSuffix(".html") {
            try AtomicFile.write(NotebookHTML(thumbnails: thumbnails).render(notebook), to: output)
        } else {
            let stem = String(output.dropLast(3))
            let folderName = String(stem.split(separator: "/").last ?? Substring(stem)) + "_files"
            let (text, files) = NotebookMarkdown(thumbnails: thumbnails, folder: folderName).render(notebook)
            let base = SpaceLocation.folder(of: output)
            if !files.isEmpty {
                try FileManager.default.createDirectory(atPath: base + "/" + folderName, withIntermediateDirectories: true)
            }
            for file in files { try AtomicFile.write(file.bytes, to: base + "/" + file.path) }
            try AtomicFile.write(text, to: output)
        }
        let failures = notebook.entries.filter { if case .failure = $0.result { true } else { false } }.count
        Console.writeError("wrote \(output): \(notebook.entries.count) statements"
            + (failures > 0 ? ", \(failures) with errors (shown in the notebook)" : "") + "\n")
        return .success
    }
}
