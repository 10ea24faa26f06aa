/// The addresses the page links to. The whole state of the page is in them: the
/// query text in `q`, nothing on the server.
struct PageLinks {
    /// The query on the page.
    var query: String
    /// Names the query binds with `let`, which a word link must quote.
    var variables: Set<String> = []
    /// A tag of the space, added to picture addresses so that pictures a browser
    /// cached from another space are never shown for this one.
    var version: String

    static func query(_ text: String) -> String {
        text.isEmpty ? "/" : "/?q=" + FormFields.encode(text)
    }

    func adding(_ term: String) -> String { PageLinks.query(QueryEdit.combining(query, .add, term)) }
    func subtracting(_ term: String) -> String { PageLinks.query(QueryEdit.combining(query, .subtract, term)) }

    func thumbnail(number: Int) -> String { "/thumbnail/\(QueryTerm.image(number: number))?v=\(version)" }
    func picture(number: Int) -> String { "/image/\(QueryTerm.image(number: number))?v=\(version)" }
    func details(number: Int) -> String { "/show/\(QueryTerm.image(number: number))" + withQuery }
    func uploaded(_ name: String) -> String { "/upload/" + name.dropFirst(UploadStore.prefix.count) }

    var script: String { "/download/session.gq" + withQuery }
    var notebook: String { "/download/notebook.html" + withQuery }
    var rows: String { "/api/query" + withQuery }

    private var withQuery: String { query.isEmpty ? "" : "?q=" + FormFields.encode(query) }
}
