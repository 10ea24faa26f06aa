import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseShell
import GlimpseTestSupport
import Testing
@testable import GlimpseWeb

/// Every route of the page over real HTTP on loopback, against the eight-picture space.
@Suite(.serialized)
struct WebServerTests {
    @Test func theHomePageHasTheBoxAndTheOriginsExamples() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
        #expect(page.text.contains("<input name=\"q\" id=\"q\""))
        #expect(page.text.contains("<a href=\"/?q=beach+%2B+sunrise\"><code>beach + sunrise</code></a>"))
        #expect(page.text.contains("20,000 words · 8 images"))
    }

    @Test func aBareExpressionListsImagesAndEveryResultLinksToTheNextQuery() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/?q=beach+%2B+sunrise")
        #expect(page.status == 200)
        #expect(page.text.contains("<code>top 24 beach + sunrise</code>"))
        // The picture of the beach comes first; a click on it makes it the query...
        let first = try #require(page.text.range(of: "<li class=\"hit\">"))
        let item = page.text[first.lowerBound...].prefix(900)
        #expect(item.contains("href=\"/?q=IMG_1\""))
        // ...and its + and − extend the query on the page.
        #expect(item.contains("href=\"/?q=beach+%2B+sunrise+%2B+IMG_1\""))
        #expect(item.contains("href=\"/?q=beach+%2B+sunrise+-+IMG_1\""))
        #expect(item.contains("src=\"/thumbnail/IMG_1?v="))
        #expect(item.contains("href=\"/show/IMG_1?q=beach+%2B+sunrise\""))
        #expect(page.text.components(separatedBy: "<li class=\"hit\">").count - 1 == 8)

        // The clicked picture is the next query: the others, not itself.
        let next = try await server.get("/?q=IMG_1")
        #expect(next.status == 200)
        #expect(next.text.contains("<code>top 24 IMG_1</code>"))
        #expect(!next.text.contains("href=\"/?q=IMG_1\""))
        #expect(next.text.components(separatedBy: "<li class=\"hit\">").count - 1 == 7)
    }

    @Test func wordsAreATableOfLinks() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/?q=words+8+IMG_4")
        #expect(page.status == 200)
        #expect(page.text.contains("<code>words 8 IMG_4</code>"))
        #expect(page.text.components(separatedBy: "<tr><td class=\"num\">").count - 1 == 8)
        let evaluator = Evaluator(space: WebTestSpace.space)
        guard case .words(let listing) = try evaluator.run(Parser.parse(Source(name: "", text: "words 8 IMG_4")).script.statements[0]) else {
            Issue.record("words gave no word listing")
            return
        }
        let word = listing.hits[0].word
        #expect(page.text.contains("<a class=\"use\" href=\"/?q=\(word)\">\(word)</a>"))
        #expect(page.text.contains("href=\"/?q=words+8+IMG_4+%2B+\(word)\""))
    }

    @Test func severalStatementsExtendTheLastQueryExpression() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/?q=" + FormFields.encode("let x = bike - park; top 3 x"))
        #expect(page.status == 200)
        #expect(page.text.contains("<code>x</code> = <code>bike - park</code>"))
        #expect(page.text.contains("<code>top 3 bike - park</code>"))
        #expect(page.text.contains("href=\"/?q=" + FormFields.encode("let x = bike - park; top 3 x + IMG_8") + "\""))
        #expect(page.text.contains("href=\"/?q=" + FormFields.encode("let x = bike - park; top 3 x - IMG_8") + "\""))
    }

    @Test func errorsAreTheShellsDiagnostics() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/?q=top+5+beahc")
        #expect(page.status == 422)
        let shell = DiagnosticRenderer().render(
            Diagnostic(.unknownWord, "unknown word 'beahc'", at: SourceRange(6, 11), notes: ["did you mean 'beach', 'each' or 'beat'?"]),
            in: Source(name: "<input>", text: "top 5 beahc"))
        #expect(page.text.contains("<pre class=\"error\">\(escape(shell))</pre>"))

        let syntax = try await server.get("/?q=top+5+beach+sea")
        #expect(syntax.status == 422)
        #expect(syntax.text.contains("&lt;input&gt;:1:13: error: "))
        #expect(!syntax.text.contains("class=\"hit\""))

        let zero = try await server.get("/?q=" + FormFields.encode("beach - beach"))
        #expect(zero.status == 422)
        #expect(zero.text.contains("is a zero vector"))
    }

    @Test func anImagePageShowsThePictureItsWordsAndLinks() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/show/IMG_2?q=beach")
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>IMG_2</h1>"))
        #expect(page.text.contains("<img src=\"/image/IMG_2?v="))
        #expect(page.text.contains("red bicycle in the park"))
        #expect(page.text.contains("<code>words 12 IMG_2</code>"))
        #expect(page.text.contains("href=\"/?q=beach+%2B+IMG_2\""))
        #expect(page.text.contains("href=\"/?q=IMG_2\""))
        #expect(try await server.get("/show/IMG_9").status == 404)
    }

    @Test func theFullImageIsTheSpacesFileByIdOnly() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let image = try await server.get("/image/IMG_1")
        #expect(image.status == 200)
        #expect(image.header("Content-Type") == "image/png")
        #expect(image.body == [UInt8](try Data(contentsOf: URL(fileURLWithPath: WebTestSpace.picture))))
        let eTag = try #require(image.header("ETag"))
        #expect(image.header("Cache-Control") == "public, max-age=86400")
        #expect(try await server.get("/image/IMG_1", headers: ["If-None-Match": eTag]).status == 304)

        let missing = try await server.get("/image/IMG_3")
        #expect(missing.status == 404)
        #expect(missing.text == "the file of IMG_3 cannot be read on this server\n")
        for target in ["/image/../../etc/passwd", "/image/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/image/IMG_9", "/image/IMG_0",
                       "/image/IMG_01", "/image/img_1", "/image/1", "/image/IMG_99999999999999999999", "/image//etc/passwd",
                       "/thumbnail/../Package.swift", "/etc/passwd"] {
            let response = try await server.get(target)
            #expect(response.status == 404, "\(target)")
            #expect(!response.text.isEmpty && !response.text.contains("root:"), "\(target)")
        }
        // This server was given no thumbnail maker: a 404 with a message, not a crash.
        let thumbnail = try await server.get("/thumbnail/IMG_1")
        #expect(thumbnail.status == 404)
        #expect(thumbnail.text.contains("no thumbnail of IMG_1"))
    }

    @Test func theJSONRouteAnswersTheRowsOfFormatJSON() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let query = "let x = beach + sunrise; words 2 IMG_2; top 3 x; sim(beach, sea); show #1"
        let response = try await server.get("/api/query?q=" + FormFields.encode(query))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/x-ndjson; charset=utf-8")
        var rows = ""
        let runner = ScriptRunner(evaluator: Evaluator(space: WebTestSpace.space), format: .json, write: { rows += $0 }, writeError: { _ in })
        #expect(runner.run(Source(name: "<input>", text: query)) == .success)
        #expect(response.text == rows)
        #expect(rows.split(separator: "\n").count == 7)

        let failing = try await server.get("/api/query?q=" + FormFields.encode("top 2 beach; top 2 beahc; top 2 sea"))
        #expect(failing.status == 422)
        let lines = failing.text.split(separator: "\n")
        #expect(lines.count == 3)  // two hits, then the error row; the run stops there, as a script does
        #expect(lines[2].hasPrefix("{\"statement\":2,\"kind\":\"error\",\"id\":\"name.unknown-word\""))

        let syntax = try await server.get("/api/query?q=" + FormFields.encode("top 2 (beach"))
        #expect(syntax.status == 400)
        #expect(syntax.text.hasPrefix("<input>:1:"))
    }

    @Test func completionOffersWordsAndIds() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let words = try await server.get("/api/complete?q=" + FormFields.encode("top 3 beac"))
        #expect(words.status == 200)
        #expect(words.header("Content-Type") == "application/json")
        #expect(words.text.hasPrefix("{\"typed\":\"beac\",\"candidates\":[\"beach\""))
        let ids = try await server.get("/api/complete?q=IMG_")
        #expect(ids.text.contains("\"IMG_1\",\"IMG_2\""))
        let variables = try await server.get("/api/complete?q=" + FormFields.encode("let seaside = sea; top 3 seas"))
        #expect(variables.text.contains("\"candidates\":[\"seaside\""))
        let nothing = try await server.get("/api/complete?q=" + FormFields.encode(".op"))
        #expect(nothing.text == "{\"typed\":\"\",\"candidates\":[]}\n")
    }

    @Test func theSessionDownloadsAsAScriptAndAsTheNotebook() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let query = "beach + sunrise; words 3 #1; sim(beach, sea)"
        let script = try await server.get("/download/session.gq?q=" + FormFields.encode(query))
        #expect(script.status == 200)
        #expect(script.header("Content-Disposition") == "attachment; filename=\"glimpse-session.gq\"")
        #expect(script.text == "top 24 beach + sunrise; words 3 #1; sim(beach, sea)\n")

        let notebook = try await server.get("/download/notebook.html?q=" + FormFields.encode(query))
        #expect(notebook.status == 200)
        #expect(notebook.header("Content-Disposition") == "attachment; filename=\"glimpse-session.html\"")
        let evaluator = Evaluator(space: WebTestSpace.space)
        let source = Source(name: "glimpse-session.gq", text: "top 24 beach + sunrise; words 3 #1; sim(beach, sea)\n")
        let expected = try #require(Notebook.run(source, title: "glimpse-session.gq", evaluator: evaluator, glimpseVersion: "test").notebook)
        #expect(notebook.text == NotebookHTML(thumbnails: nil).render(expected))
    }

    @Test func assetsAreServedAndCached() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let style = try await server.get("/assets/page.css")
        #expect(style.status == 200)
        #expect(style.header("Content-Type") == "text/css; charset=utf-8")
        #expect(style.header("Cache-Control") == "public, max-age=86400")
        let script = try await server.get("/assets/page.js")
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.text.contains("/api/complete?q="))
    }

    /// Many requests at once over the one shared space give what one at a time gives.
    @Test func concurrentRequestsShareTheSpace() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let queries = ["beach + sunrise", "words 5 IMG_2", "bike - park", "let x = snow; top 4 x - winter", "IMG_7 + IMG_8"]
        var expected: [String: String] = [:]
        for query in queries { expected[query] = try await server.get("/?q=" + FormFields.encode(query)).text }
        try await withThrowingTaskGroup(of: (String, HTTPExchange.Response).self) { group in
            for i in 0..<100 {
                let query = queries[i % queries.count]
                group.addTask { (query, try await server.get("/?q=" + FormFields.encode(query))) }
            }
            for try await (query, response) in group {
                #expect(response.status == 200)
                #expect(response.text == expected[query])
            }
        }
    }
}
