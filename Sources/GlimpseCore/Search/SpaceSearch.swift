/// The fast searches over a space's words and images: what an evaluator should search with.
extension Space {
    /// Nearest words: a threaded scan of the half-precision rows if the space stores them, else of the float32 rows.
    /// Hits and scores equal `ExactSearch(wordVectors)`'s.
    public func wordSearch(threads: Int = RowPartition.defaultThreads) -> any NearestNeighbourSearch {
        Self.search(wordVectors, half: halfWordVectors, threads: threads)
    }

    /// Nearest words among the first `count` of the vocabulary (`words ... among N`):
    /// in a frequency-ordered vocabulary such as GloVe's, the `count` most frequent.
    public func wordSearch(amongFirst count: Int, threads: Int = RowPartition.defaultThreads) -> any NearestNeighbourSearch {
        Self.search(wordVectors.prefix(count), half: halfWordVectors?.prefix(count), threads: threads)
    }

    /// Nearest images, as `wordSearch` does for words.
    public func imageSearch(threads: Int = RowPartition.defaultThreads) -> any NearestNeighbourSearch {
        Self.search(imageVectors, half: halfImageVectors, threads: threads)
    }

    /// Many queries at once over the words (sgemm); e.g. a notebook's or an analogy benchmark's queries.
    public func wordBatchSearch(threads: Int = RowPartition.defaultThreads) -> BatchSearch {
        BatchSearch(wordVectors, threads: threads, rowNormBound: 1)
    }

    /// Many queries at once over the images (sgemm).
    public func imageBatchSearch(threads: Int = RowPartition.defaultThreads) -> BatchSearch {
        BatchSearch(imageVectors, threads: threads, rowNormBound: 1)
    }

    // A space's rows are unit length (the writer normalises them), so the row norm bound is 1
    // and nothing is measured at start-up.
    static func search(_ rows: Matrix, half: HalfPrecisionMatrix?, threads: Int) -> any NearestNeighbourSearch {
        if let half { return HalfPrecisionSearch(half: half, exact: rows, threads: threads, rowNormBound: 1) }
        return ParallelScan(rows, threads: threads, rowNormBound: 1)
    }
}
