import Testing
import GlimpseCore
import GlimpseLanguage
@testable import GlimpseShell

/// Notebooks show what `explain`, `distinct`, `where` and `_` add: the terms' shares, the folded
/// counts, the statement as evaluated.
struct ClauseNotebookTests {
    static let script = """
        -- Each term's share.
        explain top 2 beach + 2*sunrise
        top 3 _ - #1 where tag != "city" distinct 0.8
        explain words 2 king - man + woman
        """

    static func notebook() throws -> Notebook {
        let run = Notebook.run(Source(name: "clauses.gq", text: script), title: "clauses",
                               evaluator: Evaluator(space: PictureSpace.space), glimpseVersion: "test")
        #expect(run.syntaxErrors.isEmpty)
        return try #require(run.notebook)
    }

    @Test func htmlShowsSharesAndFoldedHits() throws {
        let html = NotebookHTML(thumbnails: nil).render(try Self.notebook())
        #expect(html.contains("<code>explain top 2 beach + 2*sunrise</code>"))
        #expect(html.contains("<th>beach</th><th>2*sunrise</th>"))
        #expect(html.contains("<tr><td class=\"num\">1</td><td>IMG_2</td><td class=\"num\">0.918</td><td class=\"num\">0.311</td><td class=\"num\">0.607</td></tr>"))
        #expect(html.contains("<code>top 3 beach + 2*sunrise - IMG_2 where tag != &quot;city&quot; distinct 0.8</code>"))
        #expect(html.contains("<th>folded</th>"))
        #expect(html.contains("near-copies folded into better hits: distinct 0.8</p>") || html.contains("near-copy folded into better hits: distinct 0.8</p>"))
        #expect(html.contains("<th>king</th><th>-man</th><th>woman</th>"))
    }

    @Test func markdownShowsSharesAndFoldedHits() throws {
        let markdown = NotebookMarkdown(thumbnails: nil, folder: "clauses_files").render(try Self.notebook()).text
        #expect(markdown.contains("| # | image | id | score | beach | 2\\*sunrise | title |\n|--:|:-:|---|--:|--:|--:|---|\n"))
        #expect(markdown.contains("| 1 |  | `IMG_2` | 0.918 | 0.311 | 0.607 | sunrise over the beach |"))
        #expect(markdown.contains("| # | word | score | king | -man | woman |\n|--:|---|--:|--:|--:|--:|\n"))
        #expect(markdown.contains("folded into better hits: distinct 0.8_"))
    }
}
