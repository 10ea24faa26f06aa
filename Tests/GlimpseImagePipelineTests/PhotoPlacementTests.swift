import GlimpseCore
import Testing
@testable import GlimpseImagePipeline
@testable import GlimpseLearning

@Suite struct PhotoPlacementTests {
    @Test func theTextFormReadsBackAndEmptyTextIsTodaysRecipe() throws {
        #expect(try PhotoPlacement(parsing: "") == .current)
        #expect(PhotoPlacement.current.description
            == "head=openclipart,share=0.75,top=10,temperature=1,classes=stored,views=one,transfer=none,csls=0")
        let text = "head=emoji,share=0.5,top=50,temperature=2,classes=names,views=mean,transfer=20:0.1:4,csls=10"
        let placement = try PhotoPlacement(parsing: text)
        #expect(placement.description == text)
        #expect(placement == PhotoPlacement(head: "emoji", share: 0.5, top: 50, temperature: 2, classes: .names, averagesViews: true,
                                            transfer: NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: 4), hubnessNeighbours: 10))
        #expect(try PhotoPlacement(parsing: "share=1").share == 1)
        let fromSpace = try PhotoPlacement(parsing: "transfer=10:0.05:2:space")
        #expect(fromSpace.transferMemory == .space && fromSpace.transfer?.neighbours == 10)
        #expect(fromSpace.description.contains("transfer=10:0.05:2:space"))
    }

    @Test func badTextSaysWhatIsWrong() {
        for (text, message) in [("share=2", "share must be from 0 to 1"), ("top=0", "top must"), ("views=all", "views must be one or mean"),
                                ("colour=red", "unknown key 'colour'"), ("share", "is not key=value"), ("transfer=3", "transfer must"),
                                ("temperature=0", "temperature must be above 0"), ("classes=wordnet", "classes must")] {
            #expect(throws: PlacementError.self) { try PhotoPlacement(parsing: text) }
            do { _ = try PhotoPlacement(parsing: text) } catch { #expect("\(error)".contains(message), "\(text): \(error)") }
        }
    }

    @Test func theMethodsNamedAreTheirPlacementsOrTheComparedSet() throws {
        let compared = try PhotoRetrievalEvaluation.placements(named: [])
        #expect(compared.map(\.name) == PhotoRetrievalEvaluation.comparedPlacements.map(\.name))
        #expect(compared.map(\.placement) == PhotoRetrievalEvaluation.comparedPlacements.map(\.placement))
        let named = try PhotoRetrievalEvaluation.placements(named: ["share=1", ""])
        #expect(named.map(\.name) == ["share=1", ""])
        #expect(named.map(\.placement) == [PhotoPlacement(share: 1), .current])
        #expect(!PlacementErrorText.of("top=0,share=2").isEmpty)
        #expect(throws: OptionError("--method top=0,share=2: \(PlacementErrorText.of("top=0,share=2"))")) {
            try PhotoRetrievalEvaluation.placements(named: ["share=1", "top=0,share=2", "views=all"])
        }
    }
}

/// The text of the error `PhotoPlacement(parsing:)` throws for `text`.
enum PlacementErrorText {
    static func of(_ text: String) -> String {
        do { _ = try PhotoPlacement(parsing: text); return "" } catch { return "\(error)" }
    }
}
