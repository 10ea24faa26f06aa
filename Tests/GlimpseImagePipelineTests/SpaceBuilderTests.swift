import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseTestSupport
import GlimpseVision
import Testing
@testable import GlimpseImagePipeline

/// `glimpse build`'s set-up: the word file and the collections a builder is made from.
/// (Building itself needs the image model; the command's end-to-end tests run it.)
@Suite struct SpaceBuilderTests {
    @Test func theOptionsNameTheDemoOrACaptionsFile() throws {
        guard case .demo = try SpaceBuilder.ImageSource(demo: true, captions: nil, images: nil) else { Issue.record("not the demo"); return }
        guard case .folder("c.tsv", nil) = try SpaceBuilder.ImageSource(demo: false, captions: "c.tsv", images: nil),
              case .folder("c.tsv", "/p") = try SpaceBuilder.ImageSource(demo: false, captions: "c.tsv", images: "/p")
        else { Issue.record("not the captions' folder"); return }
        #expect(throws: OptionError("--demo takes no --images or --captions")) {
            try SpaceBuilder.ImageSource(demo: true, captions: "c.tsv", images: nil)
        }
        #expect(throws: OptionError("--demo takes no --images or --captions")) { try SpaceBuilder.ImageSource(demo: true, captions: nil, images: "/p") }
        #expect(throws: OptionError("give --captions (with --images), or --demo")) {
            try SpaceBuilder.ImageSource(demo: false, captions: nil, images: "/p")
        }
    }

    @Test func aFolderOfCaptionedImagesIsOneCollectionNamedByItsCaptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let glove = try folder.write("words/vectors.txt", "sky 1 0\nsea 0 1\n")
        let captions = try folder.write("photos.tsv", "file\ttitle\ttags\na.png\tA\tsky\nb.png\tB\tsea\n")
        var log: [String] = []
        let builder = try SpaceBuilder(
            wordFile: glove, images: .folder(captions: captions, images: "/pictures"), transfer: false,
            preprocessor: .efficientNetLiteFit, recipe: .ridge, seed: 1, views: [.identity, .mirror], zeroShotWeight: 0.5,
            cache: GlimpseCache(root: folder.path), log: { log.append($0) })
        #expect(log == ["reading word vectors from \(glove)"])
        #expect(builder.words.words == ["sky", "sea"] && builder.wordSource == "vectors.txt")
        #expect(builder.collections.map(\.captions.name) == ["photos-fit"])
        #expect(builder.collections[0].captions.imageFolder == "/pictures")
        #expect(builder.collections[0].captions.table.rows.map(\.file) == ["a.png", "b.png"])
        #expect(builder.collections[0].transfer == nil && !builder.collections[0].namedImages)
        // The identity view is always encoded; the extra views are the others.
        #expect(builder.views == [.mirror])
    }

    @Test func theDemoIsOpenclipartAndEmojiFromTheCache() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cache = GlimpseCache(root: folder.path)
        try folder.write("glove.6B.50d.txt", "sky 1 0\n")
        for name in FeatureExtraction.demoNames {
            try folder.write(name + ".tsv", "file\ttitle\ttags\n\(name)/1.png\tone\tsky\n")
        }
        let builder = try SpaceBuilder(
            wordFile: cache.gloveText, images: .demo, transfer: true, preprocessor: .efficientNetLite, recipe: .ridge,
            seed: 1, zeroShotWeight: 0.5, cache: cache)
        #expect(builder.collections.map(\.captions.name) == ["openclipart", "emoji"])
        #expect(builder.collections.map(\.namedImages) == [false, true])
        #expect(builder.collections.map(\.captionSource) == [.wordTags, SpaceBuilder.captionSource(namedImages: true)])
        #expect(builder.collections.map(\.transfer) == [false, true].map { SpaceBuilder.defaultTransfer(namedImages: $0) })
    }

    @Test func aMissingWordFileStopsTheBuildFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: ImportError.self) {
            try SpaceBuilder(
                wordFile: folder.file("absent.txt"), images: .folder(captions: folder.file("absent.tsv"), images: nil),
                transfer: false, preprocessor: .efficientNetLite, recipe: .ridge, seed: 1, zeroShotWeight: 0.5,
                cache: GlimpseCache(root: folder.path))
        }
    }
}
