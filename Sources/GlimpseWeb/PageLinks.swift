/// The addresses the page links to. The whole state of the page is in them: the
/// query text in `q`, nothing on the server.
struct PageLinks {
    /// The query on the page.
    let query: String
    /// Names the query binds with `let`, which a word link must quote.
    var variables: Set<String> = []
    /// A tag of the space, added to picture addresses so that pictures a browser
    /// cached from another space are never shown for this one.
    var version: String
    /// The query parsed once for the + and − links of every result, with its head and
    /// tail already encoded: form encoding is byte by byte, so the parts' encodings
    /// joined are the encoding of the joined text.
    private let extendable: ExtendableQuery
    /// `?q=` and the encoded query, or nothing for an empty one: every result's page link has it.
    private let withQuery: String
    private let encodedHead: String
    private let encodedTail: String

    init(query: String, variables: Set<String> = [], version: String) {
        self.query = query
        self.variables = variables
        self.version = version
        withQuery = query.isEmpty ? "" : "?q=" + FormFields.encode(query)
        extendable = ExtendableQuery(query)
        encodedHead = FormFields.encode(extendable.head)
        encodedTail = FormFields.encode(extendable.tail)
    }

    static func query(_ text: String) -> String {
        text.isEmpty ? "/" : "/?q=" + FormFields.encode(text)
    }

    /// `query(QueryEdit.combining(query, .add, term))`, without parsing the query again.
    func adding(_ term: String) -> String { combining(.add, term) }
    func subtracting(_ term: String) -> String { combining(.subtract, term) }

    private func combining(_ operation: QueryEdit.Operation, _ term: String) -> String {
        let joint = extendable.joint(operation)
        if encodedHead.isEmpty && joint.isEmpty && term.isEmpty && encodedTail.isEmpty { return "/" }
        return "/?q=" + encodedHead + FormFields.encode(joint) + FormFields.encode(term) + encodedTail
    }

    func thumbnail(number: Int) -> String { "/thumbnail/\(QueryTerm.image(number: number))?v=\(version)" }
    func picture(number: Int) -> String { "/image/\(QueryTerm.image(number: number))?v=\(version)" }
    func details(number: Int) -> String { "/show/\(QueryTerm.image(number: number))" + withQuery }
    func uploaded(_ name: String) -> String { "/upload/" + name.dropFirst(UploadStore.prefix.count) }

    var script: String { "/download/session.gq" + withQuery }
    var notebook: String { "/download/notebook.html" + withQuery }
    var rows: String { "/api/query" + withQuery }
}
