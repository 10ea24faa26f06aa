/// The searches of one space, made once and shared by many evaluators: a server's requests.
///
/// With `halfPrecision`, the scans read half-precision rows even when the space file stores
/// none (a 1.0 file, or one imported with float32 storage): the rows are rounded once, here,
/// and kept in memory (rows x d x 2 bytes: 40 MB for 400,000 50-d words). Each scan then
/// reads half the bytes, and the few close calls are re-scored in float32, so hits and scores
/// are still exactly `ExactSearch`'s (`HalfPrecisionSearch`). A one-off script is better off
/// without: the rounding pass costs about as much as one float32 scan.
public struct SharedSearches: Sendable {
    public let words: any NearestNeighbourSearch
    public let images: any NearestNeighbourSearch
    private let wordVectors: Matrix
    private let halfWordVectors: HalfPrecisionMatrix?
    private let threads: Int

    /// - Parameters:
    ///   - threads: Threads per search: 1 when many requests already keep the cores busy.
    ///   - halfPrecision: Scan half-precision rows, rounding a copy of each matrix the file does not store them for.
    public init(space: Space, threads: Int, halfPrecision: Bool) {
        wordVectors = space.wordVectors
        halfWordVectors = space.halfWordVectors ?? (halfPrecision ? HalfPrecisionMatrix(converting: space.wordVectors) : nil)
        let halfImageVectors = space.halfImageVectors ?? (halfPrecision ? HalfPrecisionMatrix(converting: space.imageVectors) : nil)
        self.threads = threads
        words = Space.search(space.wordVectors, half: halfWordVectors, threads: threads)
        images = Space.search(space.imageVectors, half: halfImageVectors, threads: threads)
    }

    /// Nearest words among the first `count` (`words ... among N`), sharing the rows of `words`.
    public func wordsAmongFirst(_ count: Int) -> any NearestNeighbourSearch {
        Space.search(wordVectors.prefix(count), half: halfWordVectors?.prefix(count), threads: threads)
    }
}
