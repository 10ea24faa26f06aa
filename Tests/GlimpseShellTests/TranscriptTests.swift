import Foundation
import Testing
import GlimpseTestSupport

/// Golden transcripts: each Tests/Transcripts/NAME.in is piped into the real
/// binary (`glimpse -i`), and its standard output, standard error and exit status
/// must equal NAME.out, NAME.err and the `-- exit: N` line that opens NAME.in.
///
/// Set GLIMPSE_UPDATE_TRANSCRIPTS=1 to write the .out and .err files from a run instead.
struct TranscriptTests {
    static let folder = GlimpseBinary.packageFolder.appendingPathComponent("Tests/Transcripts").path

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
        let header = try #require(input.split(separator: "\n").first, "\(name).in is empty")
        let expectedStatus = try #require(Int32(header.replacingOccurrences(of: "-- exit:", with: "").trimmingCharacters(in: .whitespaces)),
                                          "\(name).in must open with '-- exit: N'")
        let home = ScratchFolder.unique("transcript").path
        let environment = ["HOME": home, "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let result = try ProcessRun.run(binary, ["-i", "--space", PictureSpace.path], input: input,
                                        environment: environment, folder: Self.folder, timeout: 60)
        // The space file lives in a per-run temporary folder.
        let output = result.output.replacingOccurrences(of: PictureSpace.path, with: "$SPACE")
        let error = result.error.replacingOccurrences(of: PictureSpace.path, with: "$SPACE")
        if ProcessInfo.processInfo.environment["GLIMPSE_UPDATE_TRANSCRIPTS"] == "1" {
            try output.write(toFile: "\(Self.folder)/\(name).out", atomically: true, encoding: .utf8)
            try error.write(toFile: "\(Self.folder)/\(name).err", atomically: true, encoding: .utf8)
        }
        let expectedOutput = try String(contentsOfFile: "\(Self.folder)/\(name).out", encoding: .utf8)
        let expectedError = (try? String(contentsOfFile: "\(Self.folder)/\(name).err", encoding: .utf8)) ?? ""
        #expect(output == expectedOutput, "standard output of \(name)")
        #expect(error == expectedError, "standard error of \(name)")
        #expect(result.status == expectedStatus, "exit status of \(name)")
    }
}
