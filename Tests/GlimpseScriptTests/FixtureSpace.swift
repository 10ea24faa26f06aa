import Foundation
import GlimpseTestSupport

/// The test space, imported once per test run from the committed fixture
/// (Tests/Fixtures: 20,000 GloVe words and the fixture images) with the real
/// `glimpse import`, so the importer and the file format are exercised too.
enum FixtureSpace {
    static let path: String = {
        let folder = ScratchFolder.named("fixture")
        let space = folder.appendingPathComponent("fixture.glimpse").path
        var arguments = ["import", "--words-npy", "Tests/Fixtures/glove-20k/vectors.npy",
                         "--vocab", "Tests/Fixtures/glove-20k/words.txt", "--model", "glove.6B.50d (20k)", "-o", space]
        let images = PackageFolder.root.appendingPathComponent("Tests/Fixtures/images")
        if FileManager.default.fileExists(atPath: images.appendingPathComponent("vectors.npy").path) {
            arguments += ["--images", "Tests/Fixtures/images/vectors.npy", "--metadata", "Tests/Fixtures/images/metadata.tsv"]
        }
        let result = try? BuiltProgram.run(arguments)
        precondition(result?.status == 0, "cannot import the fixture space: \(result?.standardError ?? "glimpse did not run")")
        return space
    }()
}
