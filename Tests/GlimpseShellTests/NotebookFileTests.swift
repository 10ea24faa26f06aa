import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseTestSupport
import Testing
@testable import GlimpseShell

/// `glimpse notebook`'s files: the format the name asks for, thumbnails beside Markdown.
struct NotebookFileTests {
    static func notebook() -> Notebook {
        let source = Source(name: "beach.gq", text: "-- Pictures of the sea.\ntop 2 beach + sea\nwords 2 king\nwords 1 qqqzzz\n")
        let (notebook, syntaxErrors) = Notebook.run(source, title: "beach.gq", evaluator: Evaluator(space: PictureSpace.space),
                                                    glimpseVersion: "test")
        precondition(syntaxErrors.isEmpty)
        return notebook!
    }

    @Test func markdownKeepsItsThumbnailsInAFolderBesideIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notebook = Self.notebook()
        let thumbnails = GalleryAndPreviewTests.TitleThumbnails()
        try NotebookFile.write(notebook, to: folder.file("notes.md"), thumbnails: thumbnails)
        let (text, files) = NotebookMarkdown(thumbnails: thumbnails, folder: "notes_files").render(notebook)
        #expect(try String(contentsOfFile: folder.file("notes.md"), encoding: .utf8) == text)
        #expect(files.count == 2 && files.allSatisfy { $0.path.hasPrefix("notes_files/IMG_") })
        for file in files {
            #expect(FileManager.default.contents(atPath: folder.file(file.path)) == Data(file.bytes))
        }
    }

    @Test func markdownWithoutThumbnailsMakesNoFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try NotebookFile.write(Self.notebook(), to: folder.file("notes.md"), thumbnails: nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.md"])
    }

    @Test func htmlIsOneFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let notebook = Self.notebook()
        let thumbnails = GalleryAndPreviewTests.TitleThumbnails()
        try NotebookFile.write(notebook, to: folder.file("notes.html"), thumbnails: thumbnails)
        #expect(try String(contentsOfFile: folder.file("notes.html"), encoding: .utf8)
            == NotebookHTML(thumbnails: thumbnails).render(notebook))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.html"])
    }

    @Test func onlyHTMLAndMarkdownAreNotebooks() {
        #expect(NotebookFile.isNotebook("a.html") && NotebookFile.isNotebook("dir/a.md"))
        #expect(!NotebookFile.isNotebook("a.htm") && !NotebookFile.isNotebook("a.txt") && !NotebookFile.isNotebook("md"))
    }

    /// The notebook names its script by the file name alone, wherever it was run from.
    @Test func theSourceIsNamedByTheScriptsFileName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("deep/er/tour.gq", "words 3 king\n")
        let source = try NotebookFile.source(script: path)
        #expect(source.name == "tour.gq" && source.text == "words 3 king\n")
        #expect(throws: ScriptFileError(path: folder.file("absent.gq"), reason: .missing)) {
            try NotebookFile.source(script: folder.file("absent.gq"))
        }
    }

    @Test func failedStatementsAreCounted() {
        let notebook = Self.notebook()
        #expect(notebook.entries.count == 3 && notebook.failureCount == 1)
        #expect(notebook.summary == "3 statements, 1 with errors (shown in the notebook)")
        #expect(Notebook.run(Source(name: "ok.gq", text: "words 2 king\n"), title: "ok.gq", evaluator: Evaluator(space: PictureSpace.space),
                             glimpseVersion: "test").notebook?.summary == "1 statements")
    }
}
