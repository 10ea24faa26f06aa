import Foundation
import GlimpseTestSupport
import Testing

/// Hostile and extreme scripts through the real binary: each ends in a diagnostic
/// and the documented status (65 syntax, 70 runtime, 74 I/O), never in a crash,
/// a hang or a silently wrong answer.
struct InputLimitTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var script: [UInt8]
        var status: Int32
        /// Text standard error must contain (empty: standard error must be empty).
        var message: String

        init(_ description: String, _ script: String, _ status: Int32, _ message: String = "") {
            self.init(description, Array(script.utf8), status, message)
        }

        init(_ description: String, _ script: [UInt8], _ status: Int32, _ message: String = "") {
            self.description = description
            self.script = script
            self.status = status
            self.message = message
        }
    }

    static let cases: [Case] = [
        Case("a 1 MB line: a sum of 150,000 terms", "words 3 " + Array(repeating: "park", count: 150_000).joined(separator: " + "), 65,
             "the expression is too long"),
        Case("a sum just within the limit", "words 3 " + Array(repeating: "park", count: 400).joined(separator: " + "), 0),
        Case("a 1 MB quoted phrase", "words 3 \"" + Array(repeating: "park", count: 200_000).joined(separator: " ") + "\"", 0),
        Case("a 1 MB comment", "-- " + String(repeating: "x", count: 1 << 20) + "\nwords 1 park", 0),
        Case("a 1 MB word", "words 3 " + String(repeating: "a", count: 1 << 20), 70, "unknown word"),
        Case("300 nested parentheses", "words 3 " + String(repeating: "(", count: 300) + "park" + String(repeating: ")", count: 300), 65,
             "nested too deeply"),
        Case("100,000 open parentheses", String(repeating: "(", count: 100_000), 65, "nested too deeply"),
        Case("100,000 unary minus signs", "words 3 " + String(repeating: "- ", count: 100_000) + "park", 65, "nested too deeply"),
        Case("a call with 100,000 arguments", "words 3 mean(" + Array(repeating: "park", count: 100_000).joined(separator: ", ") + ")", 0),
        Case("k = 0", "words 0 park", 65, "at least 1"),
        Case("negative k", "words -5 park", 65, "at least 1"),
        Case("k past the maximum", "words 10001 park", 65, "at most 10000"),
        Case("an enormous k", "words 99999999999999999999999 park", 65, "at most 10000"),
        Case("a fractional k", "words 2.5 park", 65, "whole number"),
        Case("an infinite literal", "words 3 1e999*park", 65, "too large"),
        Case("an infinite weight by multiplication", "words 3 park*1e38*1e38", 70, "too large"),
        Case("an infinite sum of finite terms", "words 3 " + Array(repeating: "park*3e38", count: 10).joined(separator: " + "), 70, "too large"),
        Case("an infinite mean of finite terms", "words 3 mean(" + Array(repeating: "park*3e38", count: 10).joined(separator: ", ") + ")", 70, "too large"),
        Case("an infinite number", "1e308*10", 70, "too large"),
        Case("a vector divided by zero", "words 3 park/0", 70, "division by zero"),
        Case("a number divided by zero", "1/0", 70, "division by zero"),
        Case("zero divided by zero", "0/0", 70, "division by zero"),
        Case("a zero weight", "words 3 park*0", 70, "zero vector"),
        Case("terms that cancel", "words 3 park - park", 70, "zero vector"),
        Case("invalid UTF-8", Array("words 3 park\n".utf8) + [0xFF, 0xFE], 65, "invalid UTF-8 at byte 13"),
        Case("a truncated UTF-8 sequence", Array("words 3 caf".utf8) + [0xC3], 65, "invalid UTF-8 at byte 11"),
        Case("an encoded surrogate", Array("words 3 ".utf8) + [0xED, 0xA0, 0x80], 65, "invalid UTF-8 at byte 8"),
        Case("a NUL byte", Array("words 3 park".utf8) + [0] + Array("\n".utf8), 65, "unexpected character U+0000"),
        Case("a number glued to a word", "words 3 1.5park", 65, "expected an operator between '1.5' and 'park'"),
        Case("a decimal glued to a word", "words 3 .5x", 65, "expected an operator"),
        Case("CRLF line ends", "words 1 park\r\nwords 1 king\r\n", 0),
        Case("an empty script", "", 0),
        Case("a byte order mark alone", "\u{FEFF}", 0),
        Case("control characters", "words 3 park\u{7}\u{1B}[2J", 65, "unexpected character U+0007"),
        Case("a Markdown file", "# Glimpse\n\nExplore a *joint* space: `top 5 beach`.\n\n- one\n- two\n", 65, "error"),
    ]

    static func run(_ script: [UInt8], arguments: [String] = []) throws -> BuiltProgram.Result {
        let folder = ScratchFolder.named("limits")
        let path = folder.appendingPathComponent("\(UUID().uuidString).gq").path
        try Data(script).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try BuiltProgram.run(["run", path, "--space", FixtureSpace.path] + arguments)
    }

    @Test(arguments: Self.cases)
    func extremeScript(_ limit: Case) throws {
        let result = try Self.run(limit.script)
        #expect(!result.killedBySignal, "\(limit): killed by signal \(result.status)")
        #expect(result.status == limit.status, "\(limit): \(result.standardError.prefix(600))")
        if limit.message.isEmpty {
            #expect(result.standardError.isEmpty, "\(limit): \(result.standardError.prefix(600))")
        } else {
            #expect(result.standardError.contains(limit.message), "\(limit): \(result.standardError.prefix(600))")
        }
        if limit.status == 65 { #expect(result.standardOutput.isEmpty, "\(limit): a script with a syntax error ran") }
    }

    /// Scaling a query changes no ranking, however large or small the factor.
    @Test(arguments: ["park*1e30", "park/1e7", "park*3e38", "1e-30*park", "(park + park)*1e20"])
    func scalingKeepsTheRanking(_ scaled: String) throws {
        let plain = try BuiltProgram.run(["-c", "words 5 park", "--space", FixtureSpace.path])
        let result = try BuiltProgram.run(["-c", "words 5 \(scaled)", "--space", FixtureSpace.path])
        #expect(result.status == 0, "\(result.standardError)")
        // The first line echoes the query as evaluated; the listing must be the same.
        #expect(result.standardOutput.split(separator: "\n").dropFirst() == plain.standardOutput.split(separator: "\n").dropFirst())
    }

    /// The same script from standard input and from a file: the same diagnostics.
    @Test func invalidUTF8OnStandardInput() throws {
        let process = Process()
        process.executableURL = BuiltProgram.glimpse
        process.arguments = ["run", "-", "--space", FixtureSpace.path]
        let input = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data([0x77, 0x6F, 0x72, 0x64, 0x73, 0x20, 0xC0, 0xAF]))
        try input.fileHandleForWriting.close()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 65)
        #expect(message == "glimpse: <stdin>: invalid UTF-8 at byte 6\n")
    }

    /// 100,000 statements run in time proportional to their number: five times the
    /// statements may take about five times as long, not twenty-five.
    @Test func manyStatementsRunInLinearTime() throws {
        func seconds(_ statements: Int) throws -> Double {
            let script = String(repeating: "let x = park + beach\n", count: statements) + "words 1 x\n"
            let clock = ContinuousClock()
            let start = clock.now
            let result = try Self.run(Array(script.utf8))
            let elapsed = clock.now - start
            #expect(result.status == 0, "\(result.standardError.prefix(300))")
            #expect(result.standardOutput.contains("#  word"))
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let small = try seconds(20_000), large = try seconds(100_000)
        #expect(large < 12 * max(small, 0.05), "20,000 statements: \(small) s, 100,000: \(large) s")
    }

    /// A script of 100,000 bad statements: every one reported, in linear time.
    @Test func manySyntaxErrorsAreAllReported() throws {
        let script = String(repeating: "words 0 park\n", count: 100_000)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try Self.run(Array(script.utf8))
        #expect(result.status == 65)
        #expect(result.standardError.components(separatedBy: "error: ").count - 1 == 100_000)
        #expect(clock.now - start < .seconds(120))
    }
}
