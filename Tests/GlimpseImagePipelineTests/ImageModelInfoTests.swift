import Foundation
import Testing
@testable import GlimpseImagePipeline
import GlimpseLearning

@Suite struct ImageModelInfoTests {
    static let info = ImageModelInfo(
        encoder: "efficientnet_lite0.onnx", encoderSHA256: "ab12", preprocessing: "efficientnet-lite-fit",
        method: "ridge: one head per collection; clipart: ridge (lambda 10)", recipe: .ridge,
        collections: [.init(name: "clipart-fit", count: 60, namedImages: false), .init(name: "emoji-fit", count: 9, namedImages: true)],
        zeroShotWeight: 0.75)

    @Test func theRecipeIsStoredAsItsNameAndReadBack() throws {
        let bytes = Self.info.encoded()
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""recipe":"ridge""#))
        let decoded = try #require(ImageModelInfo.decode(bytes))
        #expect(decoded == Self.info)
        #expect(decoded.retrainingRecipe == .ridge)
        for recipe in HeadRecipe.allCases {
            var info = Self.info
            info.recipe = recipe
            #expect(ImageModelInfo.decode(info.encoded())?.retrainingRecipe == recipe)
        }
    }

    /// The JSON of a space built before the recipe was recorded: read as before, and
    /// retrained as `mlp` whatever its description says (the prose is never parsed).
    @Test func aSpaceBuiltBeforeTheFieldRetrainsAnMLP() throws {
        let old = #"""
            {"collections":[{"count":3139,"name":"openclipart-fit","namedImages":false}],"encoder":"efficientnet_lite0.onnx",\#
            "encoderSHA256":"cd34","method":"mlp-ens3: one head per collection; openclipart-fit: mean of 3 heads",\#
            "preprocessing":"efficientnet-lite-fit","zeroShotWeight":0.75}
            """#
        let decoded = try #require(ImageModelInfo.decode(Array(old.utf8)))
        #expect(decoded.recipe == nil)
        #expect(decoded.retrainingRecipe == .mlp)
        #expect(decoded.method.hasPrefix("mlp-ens3"))
        #expect(decoded.collections == [.init(name: "openclipart-fit", count: 3139, namedImages: false)])
        #expect(decoded.zeroShotWeight == 0.75)
        // Written back without a recipe, it is the same JSON (keys sorted), so old readers see nothing new.
        #expect(String(decoding: decoded.encoded(), as: UTF8.self) == old)
    }

    /// A recipe this glimpse does not know (a later version's) leaves the rest readable:
    /// image("file") needs the encoder and preprocessing, not the recipe.
    @Test func anUnknownRecipeReadsAsNone() throws {
        var json = String(decoding: Self.info.encoded(), as: UTF8.self)
        json = json.replacingOccurrences(of: #""recipe":"ridge""#, with: #""recipe":"transformer-xl""#)
        let decoded = try #require(ImageModelInfo.decode(Array(json.utf8)))
        #expect(decoded.recipe == nil && decoded.retrainingRecipe == .mlp)
        #expect(decoded.encoderSHA256 == "ab12" && decoded.collections.count == 2)
    }

    /// A space's image-file placement: temperature and caption transfer, absent in older spaces.
    @Test func theFilePlacementIsStoredAndAbsentReadsAsNone() throws {
        var info = Self.info
        #expect(info.zeroShotTemperature == nil && info.fileTransfer == nil)
        #expect(!String(decoding: info.encoded(), as: UTF8.self).contains("fileTransfer"))
        info.zeroShotTemperature = 2
        info.fileTransfer = .init(neighbours: 20, temperature: 0.1, weight: 1)
        let decoded = try #require(ImageModelInfo.decode(info.encoded()))
        #expect(decoded == info)
        #expect(decoded.fileTransfer?.transfer == NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: 1))
        #expect(ImageModelInfo.FileTransfer(neighbours: 0, temperature: 0.1, weight: 1).transfer == nil)
        #expect(ImageModelInfo.FileTransfer(neighbours: 5, temperature: -1, weight: 1).transfer == nil)
    }

    @Test func missingRequiredFieldsAreNoInfo() {
        #expect(ImageModelInfo.decode(Array(#"{"recipe":"ridge"}"#.utf8)) == nil)
        #expect(ImageModelInfo.decode(Array("not json".utf8)) == nil)
    }
}
