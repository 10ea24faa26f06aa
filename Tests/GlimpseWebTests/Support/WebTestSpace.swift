import Foundation
import GlimpseCore
import GlimpseTestSupport

/// The committed fixture's 20,000 GloVe words and eight pictures whose vectors are
/// the sums of their tags' word vectors. Their files are the vision tests' real PNG,
/// except IMG_3's, which does not exist (a missing file must be a 404).
enum WebTestSpace {
    static let pictures: [(title: String, tags: [String])] = [
        ("sunrise over the beach", ["beach", "sunrise", "sea"]),
        ("red bicycle in the park", ["bicycle", "park", "red"]),
        ("a lost picture", ["lost", "picture"]),
        ("sailing boat at sea", ["boat", "sea", "sail"]),
        ("snowy forest", ["snow", "forest", "winter"]),
        ("a dog on the grass", ["dog", "grass"]),
        ("city skyline at night", ["city", "night", "skyline"]),
        ("old steam train", ["train", "railway", "steam"]),
    ]

    static let picture = PackageFolder.root.appendingPathComponent("Tests/GlimpseVisionTests/Fixtures/shapes224.png").path
    static let missing = "/nonexistent/glimpse-web-test/lost.png"

    static let space: Space = {
        do {
            return try TaggedPictureSpace.make(pictures, source: "web test pictures") { $0 == 2 ? missing : picture }
        } catch {
            fatalError("cannot build the web test space: \(error)")
        }
    }()
}
