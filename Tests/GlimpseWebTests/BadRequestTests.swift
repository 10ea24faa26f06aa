import Foundation
import GlimpseTestSupport
import Testing
@testable import GlimpseWeb

/// Every request the server must refuse gets a 4xx status and a message saying why.
@Suite(.serialized)
struct BadRequestTests {
    /// A PNG header that claims `width` x `height` pixels.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { withUnsafeBytes(of: value.bigEndian) { bytes += $0 } }
        return bytes + [8, 6, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 64)
    }

    @Test func aQueryPastTheLengthLimitIs414() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let long = "top 5 " + String(repeating: "beach + ", count: 600) + "sea"
        let page = try await server.get("/?q=" + FormFields.encode(long))
        #expect(page.status == 414)
        #expect(page.text.contains("the query is 4,809 bytes long; the limit is 4,000"))
        let rows = try await server.get("/api/query?q=" + FormFields.encode(long))
        #expect(rows.status == 414)
        // Past three times the limit the address cannot decode within it: refused before decoding.
        let huge = try await server.get("/?q=" + String(repeating: "%41", count: 5_000))
        #expect(huge.status == 414)
    }

    @Test func tooManyListingsOrResultsAre422() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let many = try await server.get("/?q=" + FormFields.encode(Array(repeating: "top 1 beach", count: 17).joined(separator: "; ")))
        #expect(many.status == 422)
        #expect(many.text.contains("this query has 17 listings; a request may have at most 16"))
        let large = try await server.get("/?q=" + FormFields.encode("words 10000 beach"))
        #expect(large.status == 422)
        #expect(large.text.contains("this query asks for 10000 results; a request may ask for at most 1,000"))
        #expect(try await server.get("/api/query?q=" + FormFields.encode("words 1001 beach")).status == 422)
        #expect(try await server.get("/download/notebook.html?q=" + FormFields.encode("words 1001 beach")).status == 422)
        #expect(try await server.get("/?q=" + FormFields.encode("words 1000 beach")).status == 200)
    }

    @Test func aBadlyEncodedQueryIs400() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for target in ["/?q=%zz", "/?q=beach%", "/?q=%ff%fe", "/api/query?q=%C3%28", "/api/complete?q=%"] {
            let response = try await server.get(target)
            #expect(response.status == 400, "\(target)")
            #expect(response.text.contains("the query string is not valid"), "\(target)")
        }
    }

    @Test func serverFilesAreRefusedInQueries() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for file in ["/etc/passwd", "~/.ssh/id_rsa", "Package.swift", "../x.png"] {
            let page = try await server.get("/?q=" + FormFields.encode("top 3 image(\"\(file)\")"))
            #expect(page.status == 422)
            #expect(page.text.contains("image files on the server cannot be read from the web page"), "\(file)")
            let rows = try await server.get("/api/query?q=" + FormFields.encode("words 3 image(\"\(file)\")"))
            #expect(rows.status == 422)
            #expect(rows.text.contains("image files on the server cannot be read from the web page"))
        }
        let unknown = try await server.get("/?q=" + FormFields.encode("top 3 image(\"upload:0123456789abcdef\")"))
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("no such uploaded photo"))
    }

    @Test func uploadsPastTheLimitsAreRefused() async throws {
        let server = try await TestServer.start(limits: ServerLimits(uploadBytes: 4_096, uploadPixels: 1_000_000))
        defer { Task { await server.stop() } }
        let big = try await server.post("/upload", body: [UInt8](repeating: 0x89, count: 10_000))
        #expect(big.status == 413)
        #expect(big.text.contains("larger than"))
        let text = try await server.post("/upload", body: Array("not a picture".utf8), contentType: "text/plain")
        #expect(text.status == 415)
        #expect(text.text == "this is not a PNG, JPEG, GIF or WebP image\n")
        let svg = try await server.post("/upload", body: Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8))
        #expect(svg.status == 415)
        let wide = try await server.post("/upload", body: BadRequestTests.pngHeader(width: 2_000, height: 1_000))
        #expect(wide.status == 413)
        #expect(wide.text == "the photo has 2,000,000 pixels; the most this server takes is 1,000,000\n")
        let cut = try await server.post("/upload", body: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + [UInt8](repeating: 0, count: 14))
        #expect(cut.status == 422)
        #expect(cut.text.contains("cannot be read from its header"))
        // A real picture within every limit, on a space without an image model.
        let picture = [UInt8](try Data(contentsOf: URL(fileURLWithPath: WebTestSpace.picture)))
        let noModel = try await server.post("/upload", body: picture, contentType: "image/png")
        #expect(noModel.status == 422)
        #expect(noModel.text == "this space cannot embed image files: it has no image model\n")
        #expect(try await server.get("/upload/0123456789abcdef").status == 404)
    }

    @Test func unknownAddressesAndMethodsAre4xx() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let unknown = try await server.get("/admin")
        #expect(unknown.status == 404)
        #expect(unknown.text == "no such page: /admin\n")
        let post = try await server.request("POST", "/")
        #expect((400..<500).contains(post.status))
        let put = try await server.request("PUT", "/api/query")
        #expect((400..<500).contains(put.status))
    }
}
