import Foundation
import GlimpseCore
import GlimpseTestSupport
import GlimpseVision
import Testing

/// `glimpse serve` through the real binary: the page, thumbnails from the cache,
/// the JSON rows against `glimpse -c ... --format json`, stopping on Ctrl-C, the
/// warning for another host, a walk through the page in headless Chromium, and a
/// dropped photo embedded by the space's model.
@Suite(.serialized)
struct ServeTests {
    /// Twelve pictures of their own colours (real PNG files), with distinct vectors;
    /// IMG_12's file is removed after the import.
    static let space: (path: String, folder: URL) = {
        let folder = ScratchFolder.named("serve")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let titles = ["red sunrise", "orange beach", "yellow sand", "green park", "teal sea", "blue sky",
                      "indigo night", "violet flower", "pink dessert", "brown dog", "grey city", "a lost picture"]
        var metadata = "file\ttitle\ttags\n"
        for (i, title) in titles.enumerated() {
            let file = folder.appendingPathComponent("picture\(i + 1).png").path
            var pixels = [UInt8](repeating: 255, count: 48 * 32 * 3)
            for y in 8..<24 { for x in (4 + i)..<(44 - i) {
                let p = (y * 48 + x) * 3
                pixels[p] = UInt8((i * 97) % 256); pixels[p + 1] = UInt8((i * 53 + 80) % 256); pixels[p + 2] = UInt8((i * 31 + 160) % 256)
            } }
            try? ImageFile.write(pixels: pixels, width: 48, height: 32, bands: 3, to: file)
            metadata += "\(file)\t\(title)\t\(title.split(separator: " ").joined(separator: "|"))\n"
        }
        try? metadata.write(to: folder.appendingPathComponent("images.tsv"), atomically: true, encoding: .utf8)
        var vectors = [Float](repeating: 0, count: titles.count * 50)
        for row in 0..<titles.count { for column in 0..<50 { vectors[row * 50 + column] = Float((row * 7 + column * 3) % 11) - 5 + Float(row) / 10 } }
        try? Data(NumpyArrayWriter.encode(vectors, rows: titles.count, columns: 50)).write(to: folder.appendingPathComponent("images.npy"))
        let path = folder.appendingPathComponent("colours.glimpse").path
        let result = try? BuiltProgram.run([
            "import", "--words-npy", "Tests/Fixtures/glove-20k/vectors.npy", "--vocab", "Tests/Fixtures/glove-20k/words.txt",
            "--images", folder.appendingPathComponent("images.npy").path,
            "--metadata", folder.appendingPathComponent("images.tsv").path, "-o", path])
        precondition(result?.status == 0, "cannot import the serve test space: \(result?.standardError ?? "glimpse did not run")")
        try? FileManager.default.removeItem(atPath: folder.appendingPathComponent("picture12.png").path)
        return (path, folder)
    }()

    static var cache: String { space.folder.appendingPathComponent("cache").path }

    @Test func thePagePicturesAndRowsThroughTheBinary() throws {
        let server = try ServeProcess.start(["--space", ServeTests.space.path], environment: ["GLIMPSE_CACHE": ServeTests.cache])
        defer { server.stop() }
        #expect(server.standardOutputLine == "Glimpse at http://127.0.0.1:\(server.port)/  (Ctrl-C stops)")

        let page = try HTTPExchange.get("/?q=" + "orange+%2B+beach", port: server.port)
        #expect(page.status == 200)
        #expect(page.text.contains("<code>top 24 orange + beach</code>"))
        #expect(page.text.components(separatedBy: "<li class=\"hit\">").count - 1 == 12)

        // Thumbnails come from the cache, with headers that let the browser keep them.
        let thumbnail = try HTTPExchange.get("/thumbnail/IMG_1", port: server.port)
        #expect(thumbnail.status == 200)
        #expect(thumbnail.header("Content-Type") == "image/webp")
        #expect(Array(thumbnail.body.prefix(4)) == Array("RIFF".utf8))
        #expect(thumbnail.header("Cache-Control") == "public, max-age=86400")
        let eTag = try #require(thumbnail.header("ETag"))
        #expect(try HTTPExchange.get("/thumbnail/IMG_1", port: server.port, headers: ["If-None-Match": eTag]).status == 304)
        #expect(try HTTPExchange.get("/thumbnail/IMG_12", port: server.port).status == 404)
        let cached = try FileManager.default.contentsOfDirectory(atPath: ServeTests.cache + "/thumbnails")
        #expect(!cached.isEmpty)

        let picture = try HTTPExchange.get("/image/IMG_2", port: server.port)
        #expect(picture.status == 200)
        #expect(picture.header("Content-Type") == "image/png")
        #expect(picture.body == [UInt8](try Data(contentsOf: ServeTests.space.folder.appendingPathComponent("picture2.png"))))
        #expect(try HTTPExchange.get("/image/IMG_12", port: server.port).status == 404)
        #expect(try HTTPExchange.get("/image/../colours.glimpse", port: server.port).status == 404)

        // The rows of /api/query are the bytes `glimpse -c ... --format json` prints.
        let query = "let x = orange + beach; words 4 IMG_5 - sea; top 3 x; sim(park, dog); show #1"
        let rows = try HTTPExchange.get("/api/query?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), port: server.port)
        let command = try BuiltProgram.run(["--space", ServeTests.space.path, "--format", "json", "-c", query])
        #expect(command.status == 0)
        #expect(rows.status == 200)
        #expect(rows.text == command.standardOutput)
    }

    @Test func ctrlCStopsTheServer() throws {
        let server = try ServeProcess.start(["--space", ServeTests.space.path], environment: ["GLIMPSE_CACHE": ServeTests.cache])
        #expect(try HTTPExchange.get("/", port: server.port).status == 200)
        let status = server.interrupt()
        #expect(status == 0)
    }

    @Test func anotherHostIsWarnedAbout() throws {
        let server = try ServeProcess.start(["--space", ServeTests.space.path, "--host", "127.0.0.2"], environment: ["GLIMPSE_CACHE": ServeTests.cache])
        defer { server.stop() }
        #expect(server.standardOutputLine == "Glimpse at http://127.0.0.2:\(server.port)/  (Ctrl-C stops)")
        #expect(server.standardError.contains("glimpse: warning: listening on 127.0.0.2: other machines that reach it can run queries and see the space's images"))
    }

    @Test func aPortInUseIsAnIOError() throws {
        let server = try ServeProcess.start(["--space", ServeTests.space.path], environment: ["GLIMPSE_CACHE": ServeTests.cache])
        defer { server.stop() }
        let second = try BuiltProgram.run(["serve", "--space", ServeTests.space.path, "--port", String(server.port)])
        #expect(second.status == 74)
        #expect(second.standardError.hasPrefix("glimpse: cannot serve on 127.0.0.1:\(server.port): "))
        let badPort = try BuiltProgram.run(["serve", "--space", ServeTests.space.path, "--port", "70000"])
        #expect(badPort.status == 64)
    }

    /// A query, a click on a result, a shift-click, arrow keys and `-`, a dropped
    /// picture and completion in the box, in headless Chromium (Debian's, which `make test` installs); keeps a screenshot in .build.
    @Test(.enabled(if: ServeTests.hasChromium, "skipped: chromium is not installed (Scripts/install-deps.sh installs it)"))
    func aBrowserClicksAResultAndItBecomesTheQuery() throws {
        let server = try ServeProcess.start(["--space", ServeTests.space.path], environment: ["GLIMPSE_CACHE": ServeTests.cache])
        defer { server.stop() }
        let screenshot = PackageFolder.root.appendingPathComponent(".build/serve-screenshot.png").path
        let check = try BuiltProgram.runPythonScript("check_page.py", ["http://127.0.0.1:\(server.port)", "orange + beach", screenshot])
        let report = check.standardOutput
        #expect(check.status == 0, "check_page.py: \(report)\(check.standardError)")
        #expect(report.contains("\"ok\": true"), "\(report)")
        #expect(report.contains("\"completions\": [\"beach\""), "\(report)")
        // Arrow keys and '-' subtracted the second result of the last page.
        #expect(report.contains("\"after_keys\": {\"query\": \"IMG_5 + IMG_8 - IMG_2\""), "\(report)")
        // A picture dropped on the page: this space has no image model, and the page says so.
        #expect(report.contains("\"drop\": {\"message\": \"this space cannot embed image files: it has no image model\"}"), "\(report)")
        // Twelve results, whose pictures all decoded but IMG_12's, which has no file.
        #expect(report.contains("\"IMG_4\", \"IMG_12\", \"IMG_7\"], \"decoded\": 11,"), "\(report)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }

    static var hasChromium: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/chromium") }
    }

    /// A photo dropped on the page is embedded by the space's model, the same way
    /// `image("file")` is on the command line. Needs the fetched model (as ImageFileTests).
    @Test(.enabled(if: FetchedAssets.present, FetchedAssets.skipReason))
    func aDroppedPhotoBecomesTheQuery() throws {
        let (space, built) = ImageFileTests.zeroShot
        #expect(built?.status == 0, "\(built?.standardError ?? "glimpse did not run")")
        let server = try ServeProcess.start(["--space", space], environment: ["GLIMPSE_CACHE": ImageFileTests.cache])
        defer { server.stop() }
        let photo = FetchedAssets.root + "/photos/dog.jpg"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: photo)))
        let upload = try HTTPExchange.post("/upload?q=park", port: server.port, body: bytes, contentType: "image/jpeg")
        #expect(upload.status == 200, "\(upload.text)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(upload.body)) as? [String: String])
        let name = try #require(answer["name"])
        #expect(name.hasPrefix("upload:") && name.count == 23)
        #expect(answer["query"] == "park + image(\"\(name)\")")
        // The same photo again is the same name: the store keeps it by its bytes.
        let again = try HTTPExchange.post("/upload", port: server.port, body: bytes, contentType: "image/jpeg")
        #expect(again.text.contains("\"query\":\"image(\\\"\(name)\\\")\""))

        let page = try HTTPExchange.get(try #require(answer["location"]), port: server.port)
        #expect(page.status == 200)
        #expect(page.text.contains("<code>top 24 park + image(&quot;\(name)&quot;)</code>"))
        #expect(page.text.contains("<img src=\"/upload/\(name.dropFirst(7))\""))
        #expect(try HTTPExchange.get("/upload/\(name.dropFirst(7))", port: server.port).body == bytes)

        // The uploaded photo lists the same images, with the same scores, as the file does in a script.
        let rows = try HTTPExchange.get("/api/query?q=" + "top+5+image(%22\(name)%22)", port: server.port)
        let command = try BuiltProgram.run(["--space", space, "--format", "csv", "-c", "top 5 image(\"\(photo)\")"],
                                           environment: ["GLIMPSE_CACHE": ImageFileTests.cache])
        #expect(command.status == 0, "\(command.standardError)")
        let viaPage = rows.text.split(separator: "\n").map { line in
            line.split(separator: ",").filter { $0.hasPrefix("\"id\"") || $0.hasPrefix("\"score\"") }.joined(separator: ",")
        }
        let viaScript = command.standardOutput.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\"id\":\"\(cells[3])\",\"score\":\(cells[4])"
        }
        #expect(viaPage == viaScript)

        let refused = try HTTPExchange.get("/?q=" + "top+5+image(%22\(photo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")%22)", port: server.port)
        #expect(refused.status == 422)
        #expect(refused.text.contains("image files on the server cannot be read from the web page"))
    }
}

/// `glimpse serve --port 0` running in the background, and the port it printed.
final class ServeProcess {
    let process: Process
    let port: Int
    let standardOutputLine: String
    private let errors: Pipe

    private init(process: Process, port: Int, line: String, errors: Pipe) {
        self.process = process
        self.port = port
        self.standardOutputLine = line
        self.errors = errors
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> ServeProcess {
        let process = Process()
        process.executableURL = BuiltProgram.glimpse
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = PackageFolder.root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The first line says where it listens; read it on another thread, with a deadline.
        let first = DispatchSemaphore(value: 0)
        let box = LineBox()
        Thread.detachNewThread {
            var bytes: [UInt8] = []
            while let byte = try? output.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 10 { bytes.append(b) }
            box.line = String(decoding: bytes, as: UTF8.self)
            first.signal()
        }
        guard first.wait(timeout: .now() + 60) == .success,
              let port = box.line.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) }) else {
            process.terminate()
            throw HTTPExchange.Failure(description: "glimpse serve printed no address: '\(box.line)'")
        }
        return ServeProcess(process: process, port: port, line: box.line, errors: errors)
    }

    /// What the server wrote to standard error so far (it is still running).
    var standardError: String {
        Thread.sleep(forTimeInterval: 0.2)
        let data = errors.fileHandleForReading.availableData
        return String(decoding: data, as: UTF8.self)
    }

    /// Ctrl-C; the exit status, or -1 when it did not stop within ten seconds.
    func interrupt() -> Int32 {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate(); return -1 }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

private final class LineBox: @unchecked Sendable {
    var line = ""
}
