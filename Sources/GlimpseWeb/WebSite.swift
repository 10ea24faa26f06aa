import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseShell
import Hummingbird

/// The routes and what they share: the space, its searches, the uploads.
final class WebSite: Sendable {
    let space: Space
    let limits: ServerLimits
    let uploads: UploadStore
    let imageEmbedder: (any ImageEmbedding)?
    let thumbnails: (any ThumbnailSource & Sendable)?
    let header: Notebook.Header
    let glimpseVersion: String
    /// Tags pictures and assets so a browser never shows a cached copy of another space's or version's.
    let spaceVersion: String
    let assetVersion: String
    private let searches: SharedSearches

    init(space: Space, imageEmbedder: (any ImageEmbedding)?, thumbnails: (any ThumbnailSource & Sendable)?,
         limits: ServerLimits, uploads: UploadStore, glimpseVersion: String) {
        self.space = space
        self.limits = limits
        self.uploads = uploads
        self.imageEmbedder = imageEmbedder
        self.thumbnails = thumbnails
        self.glimpseVersion = glimpseVersion
        header = Notebook.Header(glimpseVersion: glimpseVersion, space: space)
        spaceVersion = space.info.checksum.isEmpty
            ? String(XXHash64.hash(space.withFileBytes { Array($0.prefix(1 << 16)) }), radix: 16)
            : String(space.info.checksum.prefix(16))
        assetVersion = String(XXHash64.hash(Array((PageAssets.style + PageAssets.script).utf8)), radix: 16)
        // One thread per search: the requests themselves keep the cores busy, and splitting each
        // scan across threads only adds hand-offs under load (README, "Web page": 1,507 -> 1,761
        // requests/s with 50 clients). Half-precision rows even when the file has none: the demo
        // space's 400,000 words are 80 MB of float32, and `words` scans all of them.
        searches = SharedSearches(space: space, threads: 1, halfPrecision: true)
    }

    /// An evaluator for one request: the shared searches, and `image("...")` only
    /// for photos uploaded to the page.
    func makeEvaluator() -> Evaluator {
        let searches = self.searches
        return Evaluator(space: space, wordSearch: searches.words, wordSearchAmongFirst: { searches.wordsAmongFirst($0) },
                         imageSearch: searches.images, imageEmbedder: UploadedImages(store: uploads))
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in self.queryPage(request) }
        router.get("/show/:id") { request, context in self.imagePage(request, id: context.parameters.get("id")) }
        router.get("/image/:id") { request, context in self.picture(request, id: context.parameters.get("id")) }
        router.get("/thumbnail/:id") { request, context in self.thumbnail(request, id: context.parameters.get("id")) }
        router.post("/upload") { request, _ in try await self.upload(request) }
        router.get("/upload/:name") { _, context in self.uploadedPicture(context.parameters.get("name")) }
        router.get("/api/query") { request, _ in self.queryRows(request) }
        router.get("/api/complete") { request, _ in self.completions(request) }
        router.get("/download/session.gq") { request, _ in self.script(request) }
        router.get("/download/notebook.html") { request, _ in self.notebook(request) }
        router.get("/assets/page.css") { _, _ in self.asset(PageAssets.style, contentType: "text/css; charset=utf-8") }
        router.get("/assets/page.js") { _, _ in self.asset(PageAssets.script, contentType: "text/javascript; charset=utf-8") }
    }

    // MARK: - Pages

    private func queryPage(_ request: Request) -> Response {
        let query: String
        switch queryText(request) {
        case .failure(let refusal): return refusalPage(refusal, query: "")
        case .success(let text): query = text
        }
        let layout = self.layout(title: query.isEmpty ? "Glimpse" : query, query: query)
        var page = QueryPage(links: PageLinks(query: query, version: spaceVersion))
        page.uploads = uploadsNamed(in: query)
        guard !query.allSatisfy(\.isWhitespace) else { return WebResponse.html(layout.render(page.render())) }
        do throws(LimitRefusal) {
            let run = try PageRun.run(query, evaluator: makeEvaluator(), limits: limits)
            page.run = run
            page.links.variables = run.variables
            let failed = run.syntaxErrors != nil || run.entries.contains { if case .failure = $0.result { true } else { false } }
            // A query that does not parse or run is the request's fault: 4xx, with the diagnostic on the page.
            return WebResponse.html(layout.render(page.render()), status: failed ? .unprocessableContent : .ok)
        } catch {
            page.refusal = error.message
            return WebResponse.html(layout.render(page.render()), status: HTTPResponse.Status(code: error.status))
        }
    }

    private func imagePage(_ request: Request, id: String?) -> Response {
        guard let row = row(of: id) else { return unknownImage(id) }
        let query = (try? queryText(request).get()) ?? ""
        let id = QueryTerm.image(number: space.imageNumber(row: row))
        // The image and its words come from the engine, as `show` and `words` in a script.
        guard let run = try? PageRun.run("show \(id)\nwords 12 \(id)", evaluator: makeEvaluator(), limits: limits),
              run.entries.count == 2, case .outcome(.image(let details)) = run.entries[0].result else {
            return unknownImage(id)
        }
        let page = ImagePage(details: details, words: run.entries[1].result, links: PageLinks(query: query, version: spaceVersion))
        return WebResponse.html(layout(title: id, query: query).render(page.render()))
    }

    private func refusalPage(_ refusal: LimitRefusal, query: String) -> Response {
        var page = QueryPage(links: PageLinks(query: query, version: spaceVersion))
        page.refusal = refusal.message
        return WebResponse.html(layout(title: "Glimpse", query: query).render(page.render()), status: HTTPResponse.Status(code: refusal.status))
    }

    private func layout(title: String, query: String) -> PageLayout {
        PageLayout(title: title, query: query, limits: limits, header: header, assetVersion: assetVersion)
    }

    // MARK: - Pictures

    /// The space's own image file, found by id only: nothing of the request's path
    /// names a file.
    private func picture(_ request: Request, id: String?) -> Response {
        guard let row = row(of: id) else { return unknownImage(id) }
        let file = space.image(at: row).file
        guard let data = FileManager.default.contents(atPath: file) else {
            return WebResponse.text("the file of \(space.imageID(row: row)) cannot be read on this server", status: .notFound)
        }
        let bytes = [UInt8](data)
        let contentType = ImageHeader.read(bytes)?.format.mimeType ?? WebSite.contentType(ofFile: file)
        return WebResponse.picture(bytes, contentType: contentType, eTag: "\"\(spaceVersion)-\(space.imageNumber(row: row))\"", request: request)
    }

    private func thumbnail(_ request: Request, id: String?) -> Response {
        guard let row = row(of: id) else { return unknownImage(id) }
        guard let thumbnail = thumbnails?.thumbnail(for: space.image(at: row), encoding: .webp) else {
            return WebResponse.text("no thumbnail of \(space.imageID(row: row)): its file cannot be read on this server", status: .notFound)
        }
        return WebResponse.picture(thumbnail.bytes, contentType: thumbnail.mimeType, eTag: "\"\(spaceVersion)-\(space.imageNumber(row: row))-t\"", request: request)
    }

    private func uploadedPicture(_ name: String?) -> Response {
        guard let name, let picture = uploads.picture(named: UploadStore.prefix + name) else {
            return WebResponse.text("no such uploaded photo", status: .notFound)
        }
        return WebResponse.bytes(picture.bytes, contentType: picture.header.format.mimeType,
                                 headers: [.cacheControl: "private, max-age=3600"])
    }

    /// A photo dropped on the page: the body is the file. Answers JSON with its name
    /// in queries and the address of the page whose query gains it.
    private func upload(_ request: Request) async throws -> Response {
        let query = (try? queryText(request).get()) ?? ""
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limits.uploadBytes)
        } catch {
            return WebResponse.text("the photo is larger than \(limits.uploadBytes >> 20) MB, the most this server takes", status: .contentTooLarge)
        }
        let bytes = [UInt8](buffer: body)
        guard let header = ImageHeader.read(bytes), header.format != .svg else {
            return WebResponse.text("this is not a PNG, JPEG, GIF or WebP image", status: .unsupportedMediaType)
        }
        guard let pixels = header.pixelCount else {
            return WebResponse.text("the size of this \(header.format.rawValue.uppercased()) image cannot be read from its header", status: .unprocessableContent)
        }
        guard pixels <= limits.uploadPixels else {
            return WebResponse.text("the photo has \(NotebookHTML.grouped(pixels)) pixels; the most this server takes is \(NotebookHTML.grouped(limits.uploadPixels))",
                                    status: .contentTooLarge)
        }
        guard let imageEmbedder else {
            return WebResponse.text("this space cannot embed image files: it has no image model", status: .unprocessableContent)
        }
        let name: String
        do {
            name = try uploads.add(bytes, header: header) { try imageEmbedder.embed(file: $0) }
        } catch {
            return WebResponse.text("cannot embed the photo: \(error)", status: .unprocessableContent)
        }
        let term = "image(\"\(name)\")"
        let combined = query.allSatisfy(\.isWhitespace) ? term : QueryEdit.combining(query, .add, term)
        let json = JSONText.object([("name", JSONText.string(name)), ("term", JSONText.string(term)),
                                    ("query", JSONText.string(combined)), ("location", JSONText.string(PageLinks.query(combined)))])
        return WebResponse.text(json, status: .ok, contentType: "application/json")
    }

    // MARK: - For other tools

    /// The JSON rows `glimpse -c QUERY --format json` prints, from the same runner:
    /// 200 when every statement ran, 422 with the error row when one failed (the
    /// run stops there, as in a script), 400 with the diagnostics when it does not parse.
    private func queryRows(_ request: Request) -> Response {
        let query: String
        switch queryText(request) {
        case .failure(let refusal): return WebResponse.text(refusal.message, status: HTTPResponse.Status(code: refusal.status))
        case .success(let text): query = text
        }
        let source = Source(name: PageRun.sourceName, text: query)
        let (script, syntaxErrors) = Parser.parse(source)
        guard syntaxErrors.isEmpty else {
            return WebResponse.text(DiagnosticRenderer().render(syntaxErrors, in: source), status: .badRequest)
        }
        let evaluator = makeEvaluator()
        do throws(LimitRefusal) {
            try LimitRefusal.check(script, limits: limits, defaultCount: evaluator.defaultCount, bareExpressionCount: evaluator.summaryCount)
        } catch {
            return WebResponse.text(error.message, status: HTTPResponse.Status(code: error.status))
        }
        let rows = TextSink()
        let runner = ScriptRunner(evaluator: evaluator, format: .json, write: rows.append, writeError: { _ in })
        let status = runner.run(script, from: source)
        return WebResponse.text(rows.text, status: status == .success ? .ok : .unprocessableContent, contentType: "application/x-ndjson; charset=utf-8")
    }

    /// Completion of the word before the cursor: `q` is the text up to the cursor.
    /// Answers `{"typed": "bea", "candidates": ["beach", ...]}`: what to replace and with what.
    private func completions(_ request: Request) -> Response {
        let text: String
        switch queryText(request) {
        case .failure(let refusal): return WebResponse.text(refusal.message, status: HTTPResponse.Status(code: refusal.status))
        case .success(let query): text = query
        }
        var candidates: [String] = []
        var typed = ""
        // The page has no dot-commands and no files to complete.
        if !text.trimmingBlanksAndSeparators.hasPrefix(".") {
            let (script, _) = Parser.parse(Source(name: PageRun.sourceName, text: text))
            let variables = script.statements.compactMap { statement -> String? in
                if case .binding(let name, _) = statement.kind { return name.text } else { return nil }
            }
            let words = space.words
            let context = CompletionContext(variables: variables, imageCount: space.imageCount,
                                            wordsWithPrefix: { words.words(withPrefix: $0, limit: $1) }, limit: 12)
            let completion = Completer.complete(line: text, cursor: text.utf8.count, in: context)
            if !completion.wantsFileNames {
                candidates = completion.candidates
                typed = String(decoding: text.utf8.dropFirst(completion.start), as: UTF8.self)
            }
        }
        let json = JSONText.object([("typed", JSONText.string(typed)), ("candidates", JSONText.array(candidates.map(JSONText.string)))])
        return WebResponse.text(json, status: .ok, contentType: "application/json")
    }

    /// The session as a script: the query as the page ran it.
    private func script(_ request: Request) -> Response {
        switch queryText(request) {
        case .failure(let refusal):
            return WebResponse.text(refusal.message, status: HTTPResponse.Status(code: refusal.status))
        case .success(let query):
            do throws(LimitRefusal) {
                let run = try PageRun.run(query, evaluator: makeEvaluator(), limits: limits)
                let text = run.scriptText
                return WebResponse.attachment(text.hasSuffix("\n") ? text : text + "\n", contentType: "text/plain; charset=utf-8", fileName: "glimpse-session.gq")
            } catch {
                return WebResponse.text(error.message, status: HTTPResponse.Status(code: error.status))
            }
        }
    }

    /// The session as the HTML notebook `glimpse notebook` makes of the downloaded script.
    private func notebook(_ request: Request) -> Response {
        let query: String
        switch queryText(request) {
        case .failure(let refusal): return WebResponse.text(refusal.message, status: HTTPResponse.Status(code: refusal.status))
        case .success(let text): query = text
        }
        let scriptText: String
        do throws(LimitRefusal) {
            scriptText = try PageRun.run(query, evaluator: makeEvaluator(), limits: limits).scriptText
        } catch {
            return WebResponse.text(error.message, status: HTTPResponse.Status(code: error.status))
        }
        let name = "glimpse-session.gq"
        let source = Source(name: name, text: scriptText)
        let (notebook, syntaxErrors) = Notebook.run(source, title: name, evaluator: makeEvaluator(), glimpseVersion: glimpseVersion)
        guard let notebook else {
            return WebResponse.text(DiagnosticRenderer().render(syntaxErrors, in: source), status: .badRequest)
        }
        return WebResponse.attachment(NotebookHTML(thumbnails: thumbnails).render(notebook), contentType: "text/html; charset=utf-8",
                                      fileName: "glimpse-session.html", policy: "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
    }

    private func asset(_ text: String, contentType: String) -> Response {
        WebResponse.bytes(Array(text.utf8), contentType: contentType, headers: [.cacheControl: "public, max-age=86400"])
    }

    // MARK: - Reading requests

    /// The `q` field of the request's query string: "" when absent; refused when it
    /// is not valid form encoding of UTF-8, or past the length limit.
    func queryText(_ request: Request) -> Result<String, LimitRefusal> {
        let raw = request.uri.query ?? ""
        // Percent-encoding at most triples the bytes: a longer raw query cannot decode within the limit.
        guard raw.utf8.count <= 3 * limits.queryBytes + 1_000 else {
            return .failure(LimitRefusal(status: 414, message: "the address is too long; a query may be at most \(NotebookHTML.grouped(limits.queryBytes)) bytes"))
        }
        guard let fields = FormFields(query: Substring(raw)) else {
            return .failure(LimitRefusal(status: 400, message: "the query string is not valid: a '%' must be followed by two hex digits, and the text must be UTF-8"))
        }
        let text = fields["q"] ?? ""
        do throws(LimitRefusal) {
            try LimitRefusal.check(queryText: text, limits: limits)
        } catch {
            return .failure(error)
        }
        return .success(text)
    }

    /// The row of `IMG_n`, when this space has that image (numbers, not rows: an indexed folder
    /// keeps an image's number when others are removed).
    func row(of id: String?) -> Int? {
        guard let id, id.hasPrefix("IMG_"), id.count <= 14 else { return nil }
        let digits = id.dropFirst(4)
        guard let number = Int(digits), digits.first != "0", digits.allSatisfy(\.isASCII) else { return nil }
        return space.imageRow(number: number)
    }

    private func unknownImage(_ id: String?) -> Response {
        let known = space.imageNumberRange.map { "this space has IMG_\($0.lowerBound) to IMG_\($0.upperBound)" } ?? "this space has no images"
        return WebResponse.text("no image has the id '\(id ?? "")': \(known)", status: .notFound)
    }

    /// Uploaded photos the query names that are still kept.
    private func uploadsNamed(in query: String) -> [String] {
        var names: [String] = []
        var rest = Substring(query)
        while let range = rest.range(of: UploadStore.prefix) {
            let hex = rest[range.upperBound...].prefix(16)
            let name = UploadStore.prefix + hex
            if hex.count == 16, !names.contains(name), uploads.contains(name) { names.append(name) }
            rest = rest[range.upperBound...]
        }
        return names
    }

    static func contentType(ofFile file: String) -> String {
        switch file.split(separator: ".").last?.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        case "bmp": "image/bmp"
        case "tif", "tiff": "image/tiff"
        case "avif": "image/avif"
        case "heic", "heif": "image/heif"
        default: "application/octet-stream"
        }
    }
}

/// Collects what a runner writes.
private final class TextSink: @unchecked Sendable {
    private(set) var text = ""
    func append(_ more: String) { text += more }
}
