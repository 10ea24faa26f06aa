import Foundation
import Testing

/// Runs every script in Tests/Scripts and Examples with the real binary on the
/// fixture space and compares standard output, standard error and the exit status
/// with the files beside it:
///
///     Tests/Scripts/errors.gq     the script; its first lines may hold directives:
///                                   -- args: --format json --keep-going
///                                   -- stdin        (run as `glimpse run -` with the script on stdin)
///     Tests/Scripts/errors.out    expected standard output
///     Tests/Scripts/errors.err    expected standard error (absent: must be empty)
///     Tests/Scripts/errors.status expected exit status (absent: 0)
///
/// Expected files for Examples/NAME.gq live in Tests/Scripts/examples/.
/// GLIMPSE_UPDATE_GOLDEN=1 swift test rewrites them from the current behaviour.
struct GoldenScriptTests {
    struct Case: CustomStringConvertible, Sendable {
        let script: String      // relative to the package root
        let expected: String    // path without extension, relative to the package root
        var description: String { script }
    }

    static let cases: [Case] = {
        let root = BuiltProgram.packageRoot.path
        func scripts(in folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
                .filter { $0.hasSuffix(".gq") }.sorted()
        }
        return scripts(in: "Tests/Scripts").map { Case(script: "Tests/Scripts/\($0)", expected: "Tests/Scripts/\($0.dropLast(3))") }
            + scripts(in: "Examples").map { Case(script: "Examples/\($0)", expected: "Tests/Scripts/examples/\($0.dropLast(3))") }
    }()

    @Test func thereAreGoldenScripts() {
        #expect(GoldenScriptTests.cases.count >= 5)
    }

    @Test(arguments: GoldenScriptTests.cases)
    func script(_ golden: Case) throws {
        let root = BuiltProgram.packageRoot.path
        let text = try String(contentsOfFile: root + "/" + golden.script, encoding: .utf8)
        var arguments: [String] = []
        var viaStandardInput = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(5) {
            if line.hasPrefix("-- args:") { arguments += line.dropFirst(8).split(separator: " ").map(String.init) }
            if line.trimmingCharacters(in: .whitespaces) == "-- stdin" { viaStandardInput = true }
        }
        let result = viaStandardInput
            ? try BuiltProgram.run(["run", "-", "--space", FixtureSpace.path] + arguments, input: text)
            : try BuiltProgram.run(["run", golden.script, "--space", FixtureSpace.path] + arguments)

        let base = root + "/" + golden.expected
        if ProcessInfo.processInfo.environment["GLIMPSE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: (base as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try result.standardOutput.write(toFile: base + ".out", atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: base + ".err")
            try? FileManager.default.removeItem(atPath: base + ".status")
            if !result.standardError.isEmpty { try result.standardError.write(toFile: base + ".err", atomically: true, encoding: .utf8) }
            if result.status != 0 { try "\(result.status)\n".write(toFile: base + ".status", atomically: true, encoding: .utf8) }
            return
        }
        let expectedOutput = try String(contentsOfFile: base + ".out", encoding: .utf8)
        let expectedError = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        let expectedStatus = (try? String(contentsOfFile: base + ".status", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        #expect(result.standardOutput == expectedOutput, "standard output of \(golden.script)")
        #expect(result.standardError == expectedError, "standard error of \(golden.script)")
        #expect(result.status == expectedStatus, "exit status of \(golden.script)")
    }
}
