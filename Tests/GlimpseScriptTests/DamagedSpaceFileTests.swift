import Foundation
import GlimpseTestSupport
import Testing

/// A real space file (the imported fixture), damaged a few hundred ways, opened
/// by the real binary. Each time glimpse must either refuse the file (status 74,
/// a message naming the file and the problem, nothing on standard output) or, when
/// the damage cannot matter (a newer minor version, a flag no reader uses), answer
/// exactly as from the intact file. It must never crash and never answer wrongly.
struct DamagedSpaceFileTests {
    static let intact: [UInt8] = {
        guard let data = FileManager.default.contents(atPath: FixtureSpace.path) else {
            preconditionFailure("cannot read the fixture space at \(FixtureSpace.path)")
        }
        return [UInt8](data)
    }()

    static let query = "words 3 king"

    static let intactAnswer: BuiltProgram.Result = {
        guard let result = try? BuiltProgram.run(["-c", query, "--space", FixtureSpace.path]), result.status == 0 else {
            preconditionFailure("the intact fixture space does not answer '\(query)'")
        }
        return result
    }()

    static let damages = SpaceFileDamage.catalogue(for: intact)

    static let folder: URL = {
        ScratchFolder.named("damaged")
    }()

    /// The words a message uses for each kind of problem (SpaceFileError's descriptions).
    static let problemWords = ["truncated", "corrupt", "malformed", "not a glimpse space file", "newer", "cannot"]

    @Test func theCatalogueHasHundredsOfDamages() {
        #expect(Self.damages.count >= 300)
        #expect(Self.intactAnswer.standardOutput.contains("queen"))
    }

    @Test(arguments: Self.damages)
    func damagedSpaceIsRefusedOrHarmless(_ damage: SpaceFileDamage) throws {
        let bytes = damage.apply(Self.intact)
        let path = Self.folder.appendingPathComponent("damaged-\(UUID().uuidString).glimpse").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let result = try BuiltProgram.run(["-c", Self.query, "--space", path])

        #expect(!result.killedBySignal, "\(damage): killed by signal \(result.status)\n\(result.standardError)")
        if result.status == 0 {
            // Accepted: only a damage no checksum covers on purpose, and only with the intact answer.
            #expect(damage.description.contains("recomputed") || bytes == Self.intact, "\(damage): accepted")
            #expect(result.standardOutput == Self.intactAnswer.standardOutput, "\(damage): a different answer")
            return
        }
        #expect(result.status == 74, "\(damage): status \(result.status)\n\(result.standardError)")
        #expect(result.standardOutput.isEmpty, "\(damage): printed results from a damaged file")
        #expect(result.standardError.hasPrefix("glimpse: \(path): "), "\(damage): \(result.standardError)")
        #expect(Self.problemWords.contains { result.standardError.contains($0) }, "\(damage): \(result.standardError)")
    }
}
