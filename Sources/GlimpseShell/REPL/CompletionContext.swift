import GlimpseCore
import GlimpseLanguage

/// What the completer may offer: the session's names, as plain values.
public struct CompletionContext {
    /// Variable names defined so far.
    public var variables: [String]
    /// Images are IMG_1 ... IMG_imageCount, unless `imageNumbers` says otherwise.
    public var imageCount: Int
    /// The images' numbers when the space keeps its own (`Space.imageNumbers`), else nil.
    public var imageNumbers: [Int]?
    /// Up to `limit` vocabulary words starting with a prefix, in sorted order.
    public var wordsWithPrefix: (_ prefix: String, _ limit: Int) -> [String]
    /// True on a `...>` line: the line continues an entry, so it cannot start a
    /// dot-command and its start is not the start of a statement.
    public var isContinuation: Bool
    /// The most candidates offered at once.
    public var limit: Int

    public init(variables: [String] = [], imageCount: Int = 0, imageNumbers: [Int]? = nil,
                wordsWithPrefix: @escaping (String, Int) -> [String] = { _, _ in [] },
                isContinuation: Bool = false, limit: Int = 100) {
        self.variables = variables
        self.imageCount = imageCount
        self.imageNumbers = imageNumbers
        self.wordsWithPrefix = wordsWithPrefix
        self.isContinuation = isContinuation
        self.limit = limit
    }

    /// The names of a running session: its variables, images and vocabulary.
    public init(evaluator: Evaluator, isContinuation: Bool = false) {
        let words = evaluator.space.words
        self.init(variables: evaluator.variables.keys.sorted(), imageCount: evaluator.images.count,
                  imageNumbers: evaluator.images.keptNumbers,
                  wordsWithPrefix: { words.words(withPrefix: $0, limit: $1) }, isContinuation: isContinuation)
    }
}
