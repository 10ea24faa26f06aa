import Foundation
import GlimpseCore
import Testing
import GlimpseTestSupport

/// `glimpse notebook` through the real binary: the same script and space give the
/// same bytes, and the HTML's pictures decode in a real browser.
@Suite(.serialized)
struct NotebookTests {
    let folder: URL
    let space: String
    let script: String

    init() throws {
        folder = ScratchFolder.unique("notebook")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Three images backed by a real PNG (the vision tests' fixture), with distinct vectors.
        let picture = PackageFolder.root.appendingPathComponent("Tests/GlimpseVisionTests/Fixtures/shapes224.png").path
        let metadata = "file\ttitle\ttags\n"
            + "\(picture)\tshapes on a beach\tbeach|sun\n\(picture)\ta park of shapes\tpark|tree\n\(picture)\tshapes at sea\tsea|boat\n"
        try metadata.write(to: folder.appendingPathComponent("images.tsv"), atomically: true, encoding: .utf8)
        var vectors = [Float](repeating: 0, count: 3 * 50)
        for row in 0..<3 { for column in 0..<50 { vectors[row * 50 + column] = Float((row * 7 + column * 3) % 11) - 5 } }
        try Data(NumpyArrayWriter.encode(vectors, rows: 3, columns: 50)).write(to: folder.appendingPathComponent("images.npy"))
        space = folder.appendingPathComponent("pictures.glimpse").path
        let imported = try BuiltProgram.run([
            "import", "--words-npy", "Tests/Fixtures/glove-20k/vectors.npy", "--vocab", "Tests/Fixtures/glove-20k/words.txt",
            "--images", folder.appendingPathComponent("images.npy").path,
            "--metadata", folder.appendingPathComponent("images.tsv").path, "-o", space])
        #expect(imported.status == 0, "\(imported.standardError)")
        script = folder.appendingPathComponent("experiment.gq").path
        try """
            -- Pictures near the sea.
            top 3 beach + sea
            show #1
            -- Words near the first picture.
            words 3 #1
            sim(beach, sea)
            let x = beach + 2*sun
            beach - beach
            """.write(toFile: script, atomically: true, encoding: .utf8)
    }

    private func render(_ output: String) throws -> BuiltProgram.Result {
        try BuiltProgram.run(["notebook", script, "-o", output, "--space", space],
                             environment: ["GLIMPSE_CACHE": folder.appendingPathComponent("cache").path])
    }

    @Test func htmlIsByteIdenticalAcrossRuns() throws {
        let first = folder.appendingPathComponent("a.html").path, second = folder.appendingPathComponent("b.html").path
        #expect(try render(first).status == 0)
        #expect(try render(second).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: first)), b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a == b)
        let html = String(decoding: a, as: UTF8.self)
        #expect(html.components(separatedBy: "<img src=\"data:image/webp;base64,").count - 1 == 4)  // 3 in the grid, 1 for show
        #expect(html.contains("value=\"IMG_1\""))
        #expect(html.contains("Pictures near the sea."))
        #expect(html.contains("zero vector"))
        #expect(!html.contains("<script"))
    }

    @Test func markdownWritesThumbnailsBesideIt() throws {
        let first = folder.appendingPathComponent("one/notes.md").path, second = folder.appendingPathComponent("two/notes.md").path
        for path in [first, second] {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(try render(path).status == 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(text.contains("](notes_files/IMG_1.webp)"))
        for id in 1...3 {
            let a = folder.appendingPathComponent("one/notes_files/IMG_\(id).webp").path
            let b = folder.appendingPathComponent("two/notes_files/IMG_\(id).webp").path
            #expect(FileManager.default.contents(atPath: a) != nil)
            #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        }
    }

    @Test func syntaxErrorsWriteNothing() throws {
        try "top 3 beach sea".write(toFile: script, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("broken.html").path
        let result = try render(output)
        #expect(result.status == 65)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Opens the page in headless Chromium (Debian's chromium, which `make test`
    /// installs) and checks every image decoded; keeps a screenshot in .build.
    @Test func picturesDecodeInABrowser() throws {
        let page = folder.appendingPathComponent("page.html").path
        #expect(try render(page).status == 0)
        let screenshot = PackageFolder.root.appendingPathComponent(".build/notebook-screenshot.png").path
        let check = try BuiltProgram.runPythonScript("check_notebook.py", [page, screenshot])
        let report = check.standardOutput
        #expect(check.status == 0, "check_notebook.py: \(report)\(check.standardError)")
        #expect(report.contains("\"images\": 4, \"decoded\": 4"), "\(report)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }
}
