import Foundation
import Testing
import GlimpseTestSupport

/// Golden transcripts: each Tests/Transcripts/NAME.in is piped into the real binary
/// (`glimpse -i`), and its standard output, standard error and exit status must equal
/// the golden files NAME.out, NAME.err and NAME.status (see `GoldenFiles`; a missing
/// .err is empty, a missing .status 0). GLIMPSE_UPDATE_GOLDEN=1 rewrites them.
///
/// The REPL echoes every line it reads, comments too, and errors name the line
/// (`<stdin>:15:`), so an .in file's lines are part of the expected output: the
/// `-- exit: N` comment that opens each one, from an older layout, stays for that reason.
struct TranscriptTests {
    static let folder = PackageFolder.root.appendingPathComponent("Tests/Transcripts").path

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".in") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func thereAreTranscripts() {
        #expect(Self.names.count >= 3)
    }

    @Test(arguments: names)
    func transcript(name: String) throws {
        let binary = try #require(GlimpseBinary.path, "the glimpse binary was not found; build it with 'swift build'")
        let input = try String(contentsOfFile: "\(Self.folder)/\(name).in", encoding: .utf8)
        let home = ScratchFolder.unique("transcript").path
        let environment = ["HOME": home, "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let result = try ProcessRun.run(binary, ["-i", "--space", PictureSpace.path], input: input,
                                        environment: environment, folder: Self.folder, timeout: 60)
        // The space file lives in a per-run temporary folder.
        let actual = ProgramOutput(standardOutput: result.output.replacingOccurrences(of: PictureSpace.path, with: "$SPACE"),
                                   standardError: result.error.replacingOccurrences(of: PictureSpace.path, with: "$SPACE"),
                                   status: result.status)
        if let mismatch = try GoldenFiles(in: PackageFolder.root.path, name: "Tests/Transcripts/\(name)").check(actual) {
            Issue.record("Tests/Transcripts/\(name).in: \(mismatch)")
        }
    }
}
