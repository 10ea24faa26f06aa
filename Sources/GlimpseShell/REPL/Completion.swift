/// What Tab offers for the word that ends at the cursor.
public struct Completion: Equatable, Sendable {
    /// UTF-8 offset in the line where the word being completed begins.
    public var start: Int
    /// Whole replacements for that word, in the order they are offered.
    public var candidates: [String]
    /// More matches exist than `candidates` holds, so their common prefix says nothing.
    public var isTruncated: Bool
    /// The language has nothing to offer here but a file name would fit
    /// (`.read`, `.open`, `image("`): the text from `start` is a path to complete.
    public var wantsFileNames: Bool

    public init(start: Int, candidates: [String], isTruncated: Bool = false, wantsFileNames: Bool = false) {
        self.start = start
        self.candidates = candidates
        self.isTruncated = isTruncated
        self.wantsFileNames = wantsFileNames
    }

    /// What to insert when there are several candidates: their longest common
    /// prefix, or just the typed word when the list was cut short.
    public func commonPrefix(typed: String) -> String {
        guard !isTruncated, var prefix = candidates.first else { return typed }
        for candidate in candidates.dropFirst() {
            prefix = String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
        }
        return prefix
    }
}
