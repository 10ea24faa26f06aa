import GlimpseCore
import GlimpseLanguage

/// Renders a notebook as Markdown, with thumbnails as files in a folder beside it
/// (`arithmetic.md` links `arithmetic_files/IMG_12.webp`).
public struct NotebookMarkdown {
    public var thumbnails: (any ThumbnailSource)?
    /// The folder name for thumbnails, relative to the Markdown file.
    public var folder: String

    public init(thumbnails: (any ThumbnailSource)?, folder: String) {
        self.thumbnails = thumbnails
        self.folder = folder
    }

    /// The Markdown text and the thumbnail files it links, by path relative to it.
    public func render(_ notebook: Notebook) -> (text: String, files: [(path: String, bytes: [UInt8])]) {
        var files: [(String, [UInt8])] = []
        var links: [Int: String] = [:]
        for (row, id, record) in notebook.imagesShown {
            guard let thumbnail = thumbnails?.thumbnail(for: record, encoding: .webp) else { continue }
            let path = "\(folder)/\(id).\(thumbnail.fileExtension)"
            files.append((path, thumbnail.bytes))
            links[row] = path
        }
        var md = "# \(notebook.title)\n\n_\(NotebookHTML.headerLine(notebook.header))_\n"
        for entry in notebook.entries {
            md += "\n"
            let paragraphs = entry.prose.split(separator: "", omittingEmptySubsequences: true)
            for paragraph in paragraphs { md += paragraph.joined(separator: " ") + "\n\n" }
            md += "```\n\(entry.source)\n```\n\n"
            switch entry.result {
            case .failure(_, let text):
                md += "```text\n\(text)```\n"
            case .outcome(let outcome):
                md += render(outcome, links: links)
            }
        }
        return (md, files)
    }

    private func render(_ outcome: Outcome, links: [Int: String]) -> String {
        switch outcome {
        case .images(let listing):
            var out = "`\(listing.statement)`\n\n"
            guard !listing.hits.isEmpty else { return out + "(no images)\n" }
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            let extraHeader = extra.headers.map { " \(cell($0)) |" }.joined()
            let extraRule = String(repeating: "--:|", count: extra.headers.count)
            out += "| # | image | id | score |\(extraHeader) title |\n|--:|:-:|---|--:|\(extraRule)---|\n"
            for (i, hit) in listing.hits.enumerated() {
                let picture = links[hit.row].map { "![\(cell(hit.record.title))](\($0))" } ?? ""
                let extraCells = extra.cells(i).map { " \($0) |" }.joined()
                out += "| \(hit.rank) | \(picture) | `\(hit.id)` | \(ScoreText.fixed(hit.score, digits: 3)) |\(extraCells) \(cell(hit.record.title)) |\n"
            }
            return out + footer(extra)
        case .words(let listing):
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            let extraHeader = extra.headers.map { " \(cell($0)) |" }.joined()
            let extraRule = String(repeating: "--:|", count: extra.headers.count)
            var out = "`\(listing.statement)`\n\n| # | word | score |\(extraHeader)\n|--:|---|--:|\(extraRule)\n"
            for (i, hit) in listing.hits.enumerated() {
                let extraCells = extra.cells(i).map { " \($0) |" }.joined()
                out += "| \(hit.rank) | \(cell(hit.word)) | \(ScoreText.fixed(hit.score, digits: 3)) |\(extraCells)\n"
            }
            return out + footer(extra)
        case .number(let value, let expression):
            return "`\(expression)` = **\(ScoreText.number(value))**\n"
        case .vector(let summary):
            let nearest = summary.nearestWords.map { "\(cell($0.word)) \(ScoreText.fixed($0.score, digits: 3))" }
            return "vector `\(summary.formula)`, length \(ScoreText.fixed(summary.length, digits: 3)); nearest words: \(nearest.joined(separator: ", "))\n"
        case .image(let details):
            let picture = links[details.row].map { "![\(cell(details.record.title))](\($0))\n\n" } ?? ""
            return picture + "`\(details.id)`: \(cell(details.record.title)) (\(cell(details.record.file))); tags: \(cell(details.record.tags.joined(separator: ", ")))\n"
        case .binding(let name, let value):
            switch value {
            case .number(let number): return "`\(name)` = \(ScoreText.number(number))\n"
            case .vector(let vector): return "`\(name)` = `\(vector.formula)`\n"
            }
        }
    }

    private func footer(_ extra: ListingColumns) -> String {
        extra.distinct.map { "\n_\(cell(ListingColumns.foldedText($0)))_\n" } ?? ""
    }

    /// Text safe in a Markdown table cell.
    private func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "*", "_", "`", "[", "]", "<", ">": out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }
}
