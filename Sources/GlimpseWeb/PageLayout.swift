import GlimpseShell

/// The frame every page of the server shares: the query box on top, the content,
/// the space in the footer. Styles and the script are assets of their own, so the
/// page's Content-Security-Policy allows no inline code.
struct PageLayout {
    var title: String
    /// The text in the query box.
    var query: String
    var limits: ServerLimits
    /// The space, as notebooks print it.
    var header: Notebook.Header
    var assetVersion: String

    func render(_ content: String) -> String {
        // A query with line breaks stays a textarea, so submitting it again keeps them.
        let box = query.contains("\n")
            ? "<textarea name=\"q\" id=\"q\" rows=\"\(min(8, query.split(separator: "\n").count + 1))\" maxlength=\"\(limits.queryBytes)\" spellcheck=\"false\" aria-label=\"query\">\(escape(query))</textarea>"
            : "<input name=\"q\" id=\"q\" type=\"text\" value=\"\(escape(query))\" maxlength=\"\(limits.queryBytes)\" autocomplete=\"off\" autocapitalize=\"off\" spellcheck=\"false\" placeholder=\"beach + sunrise\" aria-label=\"query\"\(query.isEmpty ? " autofocus" : "")>"
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Glimpse</title>
            <link rel="stylesheet" href="/assets/page.css?v=\(assetVersion)">
            <script src="/assets/page.js?v=\(assetVersion)" defer></script>
            </head>
            <body>
            <header class="bar">
            <a class="home" href="/" title="a new query">Glimpse</a>
            <form class="query" action="/" method="get" role="search">
            <div class="box">\(box)<ul id="completions" role="listbox" hidden></ul></div>
            <button type="submit">Search</button>
            <label class="photo" hidden title="search with a photo of yours (or drop one on the page)">Photo…<input type="file" id="photo" accept="image/png,image/jpeg,image/gif,image/webp" hidden></label>
            </form>
            </header>
            <p id="message" class="message" role="status" hidden></p>
            <main>
            \(content)
            </main>
            <footer>\(escape(NotebookHTML.headerLine(header)))</footer>
            </body>
            </html>

            """
    }
}
