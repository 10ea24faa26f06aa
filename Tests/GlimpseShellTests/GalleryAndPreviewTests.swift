import Foundation
import GlimpseCore
import GlimpseLanguage
import Testing
@testable import GlimpseShell
import GlimpseTestSupport

/// `.gallery` and `.preview`: the last result as a page, and pictures in the terminal.
struct GalleryAndPreviewTests {
    /// Thumbnails made of the record's title bytes, so tests need no image library.
    struct TitleThumbnails: ThumbnailSource {
        func thumbnail(for record: ImageRecord, encoding: ThumbnailEncoding) -> EncodedThumbnail? {
            EncodedThumbnail(bytes: Array(record.title.utf8), mimeType: "image/\(encoding.rawValue)", fileExtension: encoding.rawValue)
        }
    }

    @Test func galleryWritesTheLastListingAsAPage() throws {
        let folder = ScratchFolder.unique("gallery")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("beach.html").path
        let (shell, capture) = InteractiveShellTests.makeShell()
        shell.thumbnails = TitleThumbnails()
        InteractiveShellTests.run(shell, "top 3 beach + sunrise\nwords 2 king\n.gallery \(page)\n")
        // The last listing is the words one: a table, no pictures.
        var html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<code>words 2 king</code>"))
        #expect(!html.contains("<img"))
        InteractiveShellTests.run(shell, "top 3 beach + sunrise\n.gallery \(page)\n")
        html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<img src=\"data:image/webp;base64,").count - 1 == 3)
        #expect(html.contains(Data("sunrise over the beach".utf8).base64EncodedString()))
        #expect(capture.output.contains("wrote \(page)\n"))
    }

    @Test func galleryWithNothingListedIsAnError() {
        let (shell, capture) = InteractiveShellTests.makeShell()
        InteractiveShellTests.run(shell, ".gallery\n")
        #expect(capture.error.contains("nothing to show yet"))
    }

    @Test func previewNeedsATerminalThatDrawsImages() {
        let (shell, capture) = InteractiveShellTests.makeShell()
        shell.thumbnails = TitleThumbnails()
        InteractiveShellTests.run(shell, ".preview on\n")
        #expect(capture.error.contains("this terminal cannot show images"))
    }

    @Test(arguments: [
        (["KITTY_WINDOW_ID": "1"], InlineImageProtocol?.some(.kitty)),
        (["TERM": "xterm-kitty"], .kitty),
        (["TERM_PROGRAM": "iTerm.app"], .iTerm2),
        (["TERM_PROGRAM": "WezTerm"], .iTerm2),
        (["TERM_PROGRAM": "iTerm.app", "TMUX": "/tmp/t"], nil),
        (["TERM": "xterm-256color"], nil),
    ] as [([String: String], InlineImageProtocol?)])
    func detection(_ environment: [String: String], _ expected: InlineImageProtocol?) {
        #expect(InlineImageProtocol.detect(environment: environment) == expected)
    }

    @Test func kittySendsThePayloadInChunks() {
        let png = [UInt8](repeating: 7, count: 7000)  // 9,336 base64 characters: three chunks
        let sequence = InlineImageProtocol.kitty.sequence(png: png, rows: 5)
        let chunks = sequence.components(separatedBy: "\u{1B}_G").dropFirst()
        #expect(chunks.count == 3)
        #expect(chunks.first!.hasPrefix("a=T,f=100,r=5,m=1;"))
        #expect(chunks.last!.hasPrefix("m=0;"))
        let payload = chunks.map { $0.split(separator: ";", maxSplits: 1)[1].dropLast(2) }.joined()
        #expect(Data(base64Encoded: String(payload)) == Data(png))
    }

    @Test func iTerm2SendsOneSequence() {
        let sequence = InlineImageProtocol.iTerm2.sequence(png: [1, 2, 3], rows: 4)
        #expect(sequence == "\u{1B}]1337;File=inline=1;size=3;height=4;preserveAspectRatio=1:AQID\u{07}")
    }
}
