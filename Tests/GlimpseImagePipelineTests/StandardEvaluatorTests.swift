import Foundation
import GlimpseCore
import GlimpseLanguage
import Testing
@testable import GlimpseImagePipeline

/// The evaluator every glimpse command runs statements with.
@Suite struct StandardEvaluatorTests {
    func run(_ text: String, _ evaluator: Evaluator) throws -> Result<Outcome, Diagnostic> {
        let (script, diagnostics) = Parser.parse(Source(name: "test", text: text))
        try #require(diagnostics.isEmpty && script.statements.count == 1)
        do throws(Diagnostic) {
            return .success(try evaluator.run(script.statements[0]))
        } catch {
            return .failure(error)
        }
    }

    @Test func itFindsWhatThePlainScanFinds() throws {
        let built = try SpaceEvaluationTests.build()
        let standard = Evaluator.standard(for: built.space, baseDirectory: "/scripts")
        #expect(standard.baseDirectory == "/scripts")
        let plain = Evaluator(space: built.space)
        for statement in ["words 5 red + sky", "top 7 blue", "words 3 sea among 4"] {
            #expect(try run(statement, standard).get() == run(statement, plain).get())
        }
    }

    /// With the space's image model `image("...")` tries the file; without one it says the space has none.
    @Test func imageFilesGoThroughTheSpacesModel() throws {
        let built = try SpaceEvaluationTests.build()
        guard case .failure(let withModel) = try run(#"top 3 image("/nonexistent/photo.png")"#, .standard(for: built.space)) else {
            Issue.record("a missing file was embedded")
            return
        }
        #expect(withModel.message.hasPrefix("cannot embed '/nonexistent/photo.png': "))

        let wordsOnly = try Space(words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: [], imageVectors: [], dimension: 2,
                                  model: "", source: "")
        guard case .failure(let withoutModel) = try run(#"words 1 image("photo.png")"#, .standard(for: wordsOnly)) else {
            Issue.record("a space without an image model embedded a file")
            return
        }
        #expect(withoutModel.message == "this space cannot embed image files: it has no image model")
    }
}
