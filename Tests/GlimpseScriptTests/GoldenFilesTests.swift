import Foundation
import Testing
@testable import GlimpseTestSupport

/// The golden harness itself: missing files mean empty and 0, and a mismatch says where.
struct GoldenFilesTests {
    let folder = ScratchFolder.unique("golden").path

    @Test func missingErrorAndStatusFilesMeanEmptyAndZero() throws {
        try "one\ntwo\n".write(toFile: folder + "/run.out", atomically: true, encoding: .utf8)
        let golden = GoldenFiles(in: folder, name: "run")
        #expect(try golden.read() == ProgramOutput(standardOutput: "one\ntwo\n", standardError: "", status: 0))
        #expect(try golden.check(ProgramOutput(standardOutput: "one\ntwo\n", standardError: "", status: 0)) == nil)
    }

    @Test func writingLeavesOutEmptyErrorAndZeroStatus() throws {
        let golden = GoldenFiles(in: folder, name: "nested/run")
        let failing = ProgramOutput(standardOutput: "", standardError: "error: no\n", status: 65)
        try golden.write(failing)
        #expect(try golden.read() == failing)
        #expect(try String(contentsOfFile: folder + "/nested/run.status", encoding: .utf8) == "65\n")
        try golden.write(ProgramOutput(standardOutput: "fine\n", standardError: "", status: 0))
        #expect(!FileManager.default.fileExists(atPath: folder + "/nested/run.err"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/nested/run.status"))
    }

    @Test func aMismatchNamesTheFileTheLineAndBothTexts() throws {
        let golden = GoldenFiles(in: folder, name: "run")
        try golden.write(ProgramOutput(standardOutput: "a\nb\nc\nd\n", standardError: "", status: 0))
        let message = try #require(try golden.check(ProgramOutput(standardOutput: "a\nb\nC \nd\n", standardError: "oops\n", status: 70)))
        #expect(message.contains("standard output differs from run.out:\n     1 | a\n     2 | b\n-    3 | c\n+    3 | \"C \""))
        #expect(message.contains("standard error differs from run.err:\n+    1 | oops"))
        #expect(message.contains("exit status 70, expected 0 (run.status)"))
        #expect(message.contains("GLIMPSE_UPDATE_GOLDEN=1"))
    }

    @Test func aMissingFinalLineBreakIsPointedOut() {
        let message = GoldenFiles.difference(expected: "a\n", actual: "a")
        #expect(message?.contains("only the line break at the end differs") == true)
        #expect(GoldenFiles.difference(expected: "same", actual: "same") == nil)
    }
}
