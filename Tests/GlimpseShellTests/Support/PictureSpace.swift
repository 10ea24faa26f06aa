import Foundation
import GlimpseCore
import GlimpseTestSupport

/// The 20,000 GloVe words of the committed fixture plus twelve pictures whose
/// vectors are the sums of their tags' word vectors: a small real space with
/// images, for transcripts and the terminal test.
enum PictureSpace {
    static let pictures: [(title: String, tags: [String])] = [
        ("red bicycle in the park", ["bicycle", "park", "red"]),
        ("sunrise over the beach", ["beach", "sunrise", "sea"]),
        ("a dog on the grass", ["dog", "grass"]),
        ("city skyline at night", ["city", "night", "skyline"]),
        ("ice cream cone", ["ice", "cream", "dessert"]),
        ("sailing boat at sea", ["boat", "sea", "sail"]),
        ("mountain lake", ["mountain", "lake"]),
        ("cat asleep on a couch", ["cat", "couch"]),
        ("bowl of fruit", ["fruit", "apple", "bowl"]),
        ("snowy forest", ["snow", "forest", "winter"]),
        ("guitar on a stage", ["guitar", "music", "stage"]),
        ("old steam train", ["train", "railway", "steam"]),
    ]

    /// Built in memory once per test run.
    static let space: Space = {
        do {
            return try TaggedPictureSpace.make(pictures, source: "test pictures") { "pictures/\($0 + 1).png" }
        } catch {
            fatalError("cannot build the picture space: \(error)")
        }
    }()

    /// The space as a file, written once per test run (atomically, over the last run's copy).
    static let path: String = {
        let folder = ScratchFolder.named("shell")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("pictures.glimpse").path
        do {
            try space.write(to: path)
        } catch {
            fatalError("cannot write \(path): \(error)")
        }
        return path
    }()
}
