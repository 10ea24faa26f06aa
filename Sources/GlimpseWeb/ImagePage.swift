import GlimpseCore
import GlimpseLanguage
import GlimpseShell

/// The page of one image: the picture at full size, its file, title and tags, its
/// nearest words, and links that search with it or put it in the query on the page.
struct ImagePage {
    var details: ImageDetails
    /// `words N IMG_n`, or the diagnostic that came instead.
    var words: PageRun.Result?
    var links: PageLinks

    func render() -> String {
        let id = details.id
        let record = details.record
        var actions = ["<a class=\"button\" href=\"\(escape(PageLinks.query(id)))\">Search with \(id)</a>"]
        if !links.query.isEmpty {
            actions += [
                "<a class=\"button\" href=\"\(escape(links.adding(id)))\">+ add to the query</a>",
                "<a class=\"button\" href=\"\(escape(links.subtracting(id)))\">− subtract from the query</a>",
                "<a href=\"\(escape(PageLinks.query(links.query)))\">back to <code>\(escape(links.query))</code></a>",
            ]
        }
        var html = """
            <section class="detail">
            <figure><a href="\(links.picture(number: details.number))"><img src="\(links.picture(number: details.number))" alt="\(escape(record.title))"></a></figure>
            <div class="about">
            <h1>\(id)</h1>
            <dl><dt>title</dt><dd>\(escape(record.title))</dd><dt>tags</dt><dd>\(escape(record.tags.joined(separator: ", ")))</dd><dt>file</dt><dd class="file">\(escape(record.file))</dd></dl>
            <p class="actions">\(actions.joined(separator: " "))</p>

            """
        switch words {
        case .outcome(let outcome):
            html += "<h2>Nearest words</h2>\n" + QueryPage(links: links).render(outcome)
        case .failure(let text):
            html += "<pre class=\"error\">\(escape(text))</pre>\n"
        case nil:
            break
        }
        return html + "</div>\n</section>\n"
    }
}
