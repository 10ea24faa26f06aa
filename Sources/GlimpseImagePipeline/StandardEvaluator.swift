import GlimpseCore
import GlimpseLanguage

extension Evaluator {
    /// The evaluator glimpse runs statements with: over `space`, with the fastest exact
    /// searches for its storage (`Space.wordSearch()`, `imageSearch()`) and, when the space
    /// carries an image model, `image("file")` through it (`SpaceImageEmbedder`); relative
    /// file names are looked up in `baseDirectory` (nil: the current directory).
    public static func standard(for space: Space, baseDirectory: String? = nil) -> Evaluator {
        let evaluator = Evaluator(
            space: space, wordSearch: space.wordSearch(), wordSearchAmongFirst: { space.wordSearch(amongFirst: $0) },
            imageSearch: space.imageSearch(), imageEmbedder: SpaceImageEmbedder.of(space))
        evaluator.baseDirectory = baseDirectory
        return evaluator
    }
}
