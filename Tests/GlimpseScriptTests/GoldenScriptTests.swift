import Foundation
import Testing
import GlimpseTestSupport

/// Runs every script in Tests/Scripts and Examples with the real binary on the
/// fixture space and compares standard output, standard error and the exit status
/// with the golden files beside it (see `GoldenFiles`):
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
        let root = PackageFolder.root.path
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
        let root = PackageFolder.root.path
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

        let actual = ProgramOutput(standardOutput: result.standardOutput, standardError: result.standardError, status: result.status)
        if let mismatch = try GoldenFiles(in: root, name: golden.expected).check(actual) {
            Issue.record("\(golden.script): \(mismatch)")
        }
    }
}
