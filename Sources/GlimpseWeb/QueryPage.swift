import GlimpseCore
import GlimpseLanguage
import GlimpseShell

/// The page of one query: each statement's results as the origin showed them, a
/// grid of thumbnails for images and a table for words, where every result is a
/// link to the next query.
struct QueryPage {
    var run: PageRun?
    /// Why the query did not run: a limit it is past.
    var refusal: String?
    var links: PageLinks
    /// Photos the query names that the server still keeps, shown above the results.
    var uploads: [String] = []

    static let examples = [
        "beach + sunrise", "bike - park", "people + park", "car - yellow", "cold - snow", "travel + paint",
        "fish + food", "words 8 king - man + woman", "let x = bike - park; top 12 x",
    ]

    func render() -> String {
        var html = ""
        if let refusal {
            html += "<pre class=\"error\">\(escape(refusal))</pre>\n"
        }
        if !uploads.isEmpty {
            html += "<p class=\"uploads\">Photos in this query: "
                + uploads.map { "<img src=\"\(links.uploaded($0))\" alt=\"\(escape($0))\" title=\"\(escape($0))\">" }.joined(separator: " ")
                + "</p>\n"
        }
        guard let run else {
            return html + (refusal == nil ? introduction : "")
        }
        if let syntaxErrors = run.syntaxErrors {
            return html + "<pre class=\"error\">\(escape(syntaxErrors))</pre>\n"
        }
        let several = run.entries.count > 1
        for entry in run.entries {
            html += "<section class=\"entry\">\n"
            if several { html += "<pre class=\"statement\"><code>\(escape(entry.text))</code></pre>\n" }
            switch entry.result {
            case .failure(let text): html += "<pre class=\"error\">\(escape(text))</pre>\n"
            case .outcome(let outcome): html += render(outcome)
            }
            html += "</section>\n"
        }
        if !run.entries.isEmpty {
            html += "<p class=\"downloads\">Download this session: <a href=\"\(escape(links.script))\" download=\"glimpse-session.gq\">script (.gq)</a>"
                + " · <a href=\"\(escape(links.notebook))\" download=\"glimpse-session.html\">notebook (.html)</a>"
                + " · <a href=\"\(escape(links.rows))\">JSON rows</a></p>\n"
        }
        return html
    }

    private var introduction: String {
        """
        <section class="intro">
        <p>Words and images are points of one space. Type words and image ids, add and subtract them, and see the nearest images.
        Click a picture to search with it; its <b>+</b> and <b>−</b> add it to the query or take it away (or shift-click and alt-click the picture).
        Drop a photo of yours anywhere on the page to search with it.</p>
        <ul class="examples">
        \(QueryPage.examples.map { "<li><a href=\"\(escape(PageLinks.query($0)))\"><code>\(escape($0))</code></a></li>" }.joined(separator: "\n"))
        </ul>
        </section>

        """
    }

    func render(_ outcome: Outcome) -> String {
        switch outcome {
        case .images(let listing):
            var out = "<p class=\"formula\"><code>\(escape(listing.statement))</code></p>\n"
            guard !listing.hits.isEmpty else { return out + "<p>(no images)</p>\n" }
            out += "<ol class=\"grid\">\n"
            out.reserveCapacity(out.utf8.count + 1_200 * listing.hits.count)
            for hit in listing.hits {
                appendHitItem(to: &out, number: hit.number, record: hit.record, caption: "<span class=\"rank\">\(hit.rank)</span>", score: hit.score)
            }
            out += "</ol>\n"
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            if !extra.headers.isEmpty {
                // explain and distinct: each hit's shares and folded count, as in the shell and notebooks.
                out += "<table class=\"words\">\n<thead><tr><th>#</th><th>image</th><th>score</th>"
                    + extra.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for (i, hit) in listing.hits.enumerated() {
                    out += "<tr><td class=\"num\">\(hit.rank)</td><td>\(hit.id)</td><td class=\"num\">\(ScoreText.fixed(hit.score, digits: 3))</td>"
                        + extra.cells(i).map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
            return out + folded(extra)
        case .words(let listing):
            var out = "<p class=\"formula\"><code>\(escape(listing.statement))</code></p>\n"
            guard !listing.hits.isEmpty else { return out + "<p>(no words)</p>\n" }
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            out += "<table class=\"words\">\n<thead><tr><th>#</th><th>word</th><th>score</th>"
                + extra.headers.map { "<th>\(escape($0))</th>" }.joined() + "<th></th></tr></thead>\n<tbody>\n"
            for (i, hit) in listing.hits.enumerated() {
                out += "<tr><td class=\"num\">\(hit.rank)</td><td>\(wordLink(hit.word))</td>"
                    + "<td class=\"num\">\(ScoreText.fixed(hit.score, digits: 3))</td>"
                    + extra.cells(i).map { "<td class=\"num\">\($0)</td>" }.joined()
                    + "<td>\(operations(QueryTerm.word(hit.word, variables: links.variables), named: hit.word))</td></tr>\n"
            }
            return out + "</tbody>\n</table>\n" + folded(extra)
        case .number(let value, let expression):
            return OutcomeHTML.number(value, expression: expression)
        case .vector(let summary):
            return "<p class=\"formula\">vector <code>\(escape(summary.formula))</code>, length \(ScoreText.fixed(summary.length, digits: 3))</p>\n"
                + "<p class=\"nearest\">nearest words: \(summary.nearestWords.map { wordLink($0.word) }.joined(separator: ", "))</p>\n"
        case .image(let details):
            var item = ""
            appendHitItem(to: &item, number: details.number, record: details.record, caption: "", score: nil)
            return "<div class=\"show\"><ol class=\"grid\">\(item)</ol>" + OutcomeHTML.facts(of: details) + "</div>\n"
        case .binding(let name, let value):
            return OutcomeHTML.binding(name: name, value: value)
        }
    }

    /// `(3 near-copies folded into better hits: distinct 0.95)` under a listing with `distinct`.
    private func folded(_ extra: ListingColumns) -> String {
        extra.distinct.map { "<p class=\"folded\">\(escape(ListingColumns.foldedText($0)))</p>\n" } ?? ""
    }

    /// One picture of a grid: the thumbnail searches with it, the id opens its page,
    /// + and − add it to the query or take it away. Appended piece by piece: a page has many.
    private func appendHitItem(to html: inout String, number: Int, record: ImageRecord, caption: String, score: Float?) {
        let id = QueryTerm.image(number: number)
        let title = escape(record.title)
        html += "<li class=\"hit\"><a class=\"use\" href=\""
        html += escape(PageLinks.query(id))
        html += "\" title=\"search with \(id)\"><img src=\""
        html += links.thumbnail(number: number)
        html += "\" alt=\""
        html += title
        html += "\" loading=\"lazy\" decoding=\"async\"></a><div class=\"info\">"
        html += caption
        html += "<a class=\"id\" href=\""
        html += escape(links.details(number: number))
        html += "\">\(id)</a>"
        if let score {
            html += "<span class=\"score\">"
            html += ScoreText.fixed(score, digits: 3)
            html += "</span>"
        }
        appendOperations(to: &html, id, named: id)
        html += "</div><div class=\"title\">"
        html += title
        html += "</div></li>\n"
    }

    private func wordLink(_ word: String) -> String {
        "<a class=\"use\" href=\"\(escape(PageLinks.query(QueryTerm.word(word, variables: []))))\">\(escape(word))</a>"
    }

    private func operations(_ term: String, named name: String) -> String {
        var html = ""
        appendOperations(to: &html, term, named: name)
        return html
    }

    private func appendOperations(to html: inout String, _ term: String, named name: String) {
        let name = escape(name)
        html += "<span class=\"ops\"><a class=\"add\" href=\""
        html += escape(links.adding(term))
        html += "\" title=\"add \(name) to the query\" aria-label=\"add \(name)\">+</a><a class=\"subtract\" href=\""
        html += escape(links.subtracting(term))
        html += "\" title=\"subtract \(name) from the query\" aria-label=\"subtract \(name)\">−</a></span>"
    }
}
