import Foundation
import GlimpseCore
import GlimpseLanguage

/// Renders a notebook as one self-contained HTML page: thumbnails are embedded as
/// data URIs, no script is needed to read it, it reflows on a phone and prints.
/// Clicking a thumbnail opens a field with its IMG id, ready to copy into a query.
public struct NotebookHTML {
    public var thumbnails: (any ThumbnailSource)?

    public init(thumbnails: (any ThumbnailSource)?) {
        self.thumbnails = thumbnails
    }

    public func render(_ notebook: Notebook) -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Glimpse \(escape(notebook.header.glimpseVersion))">
            <title>\(escape(notebook.title)) · Glimpse</title>
            <style>\(NotebookHTML.style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(notebook.title))</h1>
            <p class="meta">\(escape(NotebookHTML.headerLine(notebook.header)))</p>
            </header>
            <main>

            """
        var cache: [Int: String] = [:]  // row -> data URI, so repeated images are encoded once
        for entry in notebook.entries {
            html += "<section class=\"entry\">\n"
            for paragraph in paragraphs(entry.prose) { html += "<p class=\"prose\">\(escape(paragraph))</p>\n" }
            html += "<pre class=\"source\"><code>\(escape(entry.source))</code></pre>\n"
            switch entry.result {
            case .failure(_, let text):
                html += "<pre class=\"error\">\(escape(text))</pre>\n"
            case .outcome(let outcome):
                html += render(outcome, cache: &cache)
            }
            html += "</section>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func render(_ outcome: Outcome, cache: inout [Int: String]) -> String {
        switch outcome {
        case .images(let listing):
            var out = "<p class=\"formula\"><code>\(escape(listing.statement))</code></p>\n"
            guard !listing.hits.isEmpty else { return out + "<p>(no images)</p>\n" }
            out += "<ol class=\"grid\">\n"
            for hit in listing.hits {
                out += "<li>\(figure(row: hit.row, id: hit.id, title: hit.record.title, record: hit.record, cache: &cache, caption: "<b>#\(hit.rank)</b> \(hit.id) · \(ScoreText.fixed(hit.score, digits: 3))"))</li>\n"
            }
            out += "</ol>\n"
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            if !extra.headers.isEmpty {
                // explain and distinct: the terms' shares and the folded counts, hit by hit.
                out += table(["#", "image", "score"] + extra.headers, listing.hits.enumerated().map { i, hit in
                    [String(hit.rank), hit.id, ScoreText.fixed(hit.score, digits: 3)] + extra.cells(i)
                }, numeric: Set([0] + Array(2..<(3 + extra.headers.count))))
            }
            return out + footer(extra)
        case .words(let listing):
            var out = "<p class=\"formula\"><code>\(escape(listing.statement))</code></p>\n"
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            out += table(["#", "word", "score"] + extra.headers, listing.hits.enumerated().map { i, hit in
                [String(hit.rank), hit.word, ScoreText.fixed(hit.score, digits: 3)] + extra.cells(i)
            }, numeric: Set([0] + Array(2..<(3 + extra.headers.count))))
            return out + footer(extra)
        case .number(let value, let expression):
            return OutcomeHTML.number(value, expression: expression)
        case .vector(let summary):
            let nearest = summary.nearestWords.map { "\(escape($0.word)) <span class=\"score\">\(ScoreText.fixed($0.score, digits: 3))</span>" }
            return "<p class=\"formula\">vector <code>\(escape(summary.formula))</code>, length \(ScoreText.fixed(summary.length, digits: 3))</p>\n"
                + "<p class=\"nearest\">nearest words: \(nearest.joined(separator: ", "))</p>\n"
        case .image(let details):
            return "<div class=\"show\">\(figure(row: details.row, id: details.id, title: details.record.title, record: details.record, cache: &cache, caption: details.id))" + OutcomeHTML.facts(of: details) + "</div>\n"
        case .binding(let name, let value):
            return OutcomeHTML.binding(name: name, value: value)
        }
    }

    /// A table with a header row; the `numeric` columns are right-aligned.
    private func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        var out = "<table>\n<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { column, cell in
                numeric.contains(column) ? "<td class=\"num\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func footer(_ extra: ListingColumns) -> String {
        extra.distinct.map { "<p class=\"folded\">\(escape(ListingColumns.foldedText($0)))</p>\n" } ?? ""
    }

    private func figure(row: Int, id: String, title: String, record: ImageRecord,
                        cache: inout [Int: String], caption: String) -> String {
        if cache[row] == nil, let thumbnail = thumbnails?.thumbnail(for: record, encoding: .webp) {
            cache[row] = "data:\(thumbnail.mimeType);base64," + Data(thumbnail.bytes).base64EncodedString()
        }
        let picture = cache[row].map { "<img src=\"\($0)\" alt=\"\(escape(title))\">" }
            ?? "<span class=\"missing\">no picture</span>"
        return "<figure><details><summary>\(picture)</summary><input readonly value=\"\(id)\" aria-label=\"image id\"></details>"
            + "<figcaption>\(caption)<br>\(escape(title))</figcaption></figure>"
    }

    private func paragraphs(_ lines: [String]) -> [String] {
        lines.split(separator: "", omittingEmptySubsequences: true).map { $0.joined(separator: " ") }
    }

    public static func headerLine(_ header: Notebook.Header) -> String {
        var parts = ["Glimpse \(header.glimpseVersion)", "space \(header.spaceName)"]
        if !header.checksum.isEmpty { parts.append("checksum \(header.checksum)") }
        parts += ["\(grouped(header.wordCount)) words", "\(grouped(header.imageCount)) images",
                  "dimension \(header.dimension)", "model \(header.model)"]
        return parts.joined(separator: " · ")
    }

    /// 10000 as `10,000`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, character) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static let style = """
        :root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45}\
        body{max-width:62rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.5rem;margin:.2rem 0}.meta{color:#777;font-size:.85rem;overflow-wrap:anywhere}\
        .entry{border-top:1px solid #8884;padding:.6rem 0}\
        pre{background:#8881;padding:.45rem .7rem;border-radius:4px;overflow-x:auto;margin:.4rem 0}\
        pre.error{background:#e002;white-space:pre-wrap}\
        .formula,.nearest,.number{margin:.3rem 0}\
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.7rem;list-style:none;padding:0;margin:.4rem 0}\
        .grid li{min-width:0}figure{margin:0;text-align:center;min-width:0}\
        figure img{display:block;margin:0 auto;width:100%;max-width:160px;height:8rem;object-fit:contain;background:#fff;border-radius:4px}\
        figcaption{font-size:.78rem;overflow-wrap:anywhere}\
        summary{list-style:none;cursor:pointer}summary::-webkit-details-marker{display:none}\
        details input{width:100%;font:inherit;font-size:.8rem;text-align:center}\
        .missing{display:inline-block;padding:2rem .5rem;color:#888;font-size:.8rem}\
        table{border-collapse:collapse;margin:.4rem 0}th,td{padding:.1rem .7rem;text-align:left}\
        td.num{text-align:right;font-variant-numeric:tabular-nums}\
        .show{display:flex;gap:1rem;align-items:flex-start}.show figure{width:10rem}\
        dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem;margin:0}dt{color:#777}dd{margin:0}\
        @media print{.entry{break-inside:avoid}pre{white-space:pre-wrap}details input{display:none}}
        """
}

/// Text safe inside HTML elements and attribute values.
///
/// Byte by byte: the five characters it replaces are ASCII, and a text without them (most
/// titles, words and links) comes back as it is, uncopied. A quote or `<` that a combining
/// mark follows is escaped too, although with the mark it is another Character.
public func escape(_ text: String) -> String {
    guard text.utf8.contains(where: needsEscape) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 32)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

@inline(__always)
private func needsEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
}

