import Foundation
import GlimpseTestSupport
import Testing

/// `glimpse import` killed with SIGKILL at several moments, including while the
/// new space is being written: the space that was at the output path before must
/// still open and answer the same, byte for byte the same file.
@Suite(.serialized)
struct InterruptedImportTests {
    static let folder: URL = {
        ScratchFolder.named("interrupted")
    }()

    /// A GloVe text file of `lines` words with 50 random values each (about 200 KB per 1,000 lines).
    static func gloveFile(lines: Int, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: path) { return path }
        var rng = SystemRandomNumberGenerator()
        var text = "king " + (0..<50).map { _ in String(format: "%.4f", Double.random(in: -1...1, using: &rng)) }.joined(separator: " ") + "\n"
        text += "queen " + (0..<50).map { _ in String(format: "%.4f", Double.random(in: -1...1, using: &rng)) }.joined(separator: " ") + "\n"
        text.reserveCapacity(lines * 260)
        for line in 0..<lines {
            text += "w\(line)"
            for _ in 0..<50 { text += " 0.\(UInt16.random(in: 1000...9999, using: &rng))" }
            text += "\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func answer(_ space: String) throws -> BuiltProgram.Result {
        try BuiltProgram.run(["-c", "words 3 king", "--space", space])
    }

    /// Starts an import of `glove` to `output` and kills it when `moment` says so.
    /// Returns whether the process was still running when killed.
    static func importKilled(glove: String, output: String, moment: (Double) -> Bool) throws -> Bool {
        let process = Process()
        process.executableURL = BuiltProgram.glimpse
        process.arguments = ["import", "--glove", glove, "-o", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning && !moment(Date().timeIntervalSince(start)) { usleep(2_000) }
        let wasRunning = process.isRunning
        if wasRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return wasRunning
    }

    static func temporaryFiles(besides output: String) -> [String] {
        let name = (output as NSString).lastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(name + ".") }
    }

    @Test func killingAnImportLeavesTheOldSpace() throws {
        // The GloVe file is about 100 MB: leave nothing behind.
        defer { try? FileManager.default.removeItem(at: Self.folder) }
        let small = try Self.gloveFile(lines: 1_000, name: "small.txt")
        let big = try Self.gloveFile(lines: 300_000, name: "big.txt")
        let output = Self.folder.appendingPathComponent("space.glimpse").path
        let made = try BuiltProgram.run(["import", "--glove", small, "-o", output])
        try #require(made.status == 0, "\(made.standardError)")
        let oldBytes = try Data(contentsOf: URL(fileURLWithPath: output))
        let oldAnswer = try Self.answer(output)
        try #require(oldAnswer.status == 0 && !oldAnswer.standardOutput.isEmpty, "\(oldAnswer.standardError)")

        // Fixed moments while reading, then the moment a temporary file appears: mid-write.
        var killedWhileWriting = 0
        var moments: [(String, (Double) -> Bool)] = []
        for seconds in [0.2, 1.0, 3.0] {
            moments.append(("at \(seconds) s", { elapsed in elapsed > seconds }))
        }
        for attempt in 1...3 {
            moments.append(("when the temporary file appears (\(attempt))", { _ in !Self.temporaryFiles(besides: output).isEmpty }))
        }
        for (name, moment) in moments {
            let wasRunning = try Self.importKilled(glove: big, output: output, moment: moment)
            if name.hasPrefix("when") && wasRunning { killedWhileWriting += 1 }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
            if wasRunning {
                #expect(bytes == oldBytes, "killed \(name): the file at the output path changed")
                let answer = try Self.answer(output)
                #expect(answer.status == 0 && answer.standardOutput == oldAnswer.standardOutput, "killed \(name): \(answer.standardError)")
            }
            // Leftovers of a killed writer are named after the output and never replace it.
            for leftover in Self.temporaryFiles(besides: output) {
                #expect(leftover.hasPrefix("space.glimpse.tmp-"), "unexpected file \(leftover)")
                try FileManager.default.removeItem(atPath: Self.folder.appendingPathComponent(leftover).path)
            }
            if !wasRunning {
                // The import finished before the kill: the new space replaced the old one whole.
                let answer = try Self.answer(output)
                #expect(answer.status == 0, "finished \(name): \(answer.standardError)")
                let remade = try BuiltProgram.run(["import", "--glove", small, "-o", output])
                try #require(remade.status == 0)
            }
        }
        // Otherwise this test would not have tested an interrupted write at all.
        #expect(killedWhileWriting > 0, "no kill landed while the temporary file existed")

        // An import that is not interrupted replaces the space whole.
        let finished = try BuiltProgram.run(["import", "--glove", big, "-o", output])
        #expect(finished.status == 0, "\(finished.standardError)")
        #expect(try Self.answer(output).standardOutput.contains("w") == true)
        #expect(Self.temporaryFiles(besides: output).isEmpty)
    }
}
