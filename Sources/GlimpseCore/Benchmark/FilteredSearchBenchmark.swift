extension SearchBenchmark {
    /// The tags `measureFiltered` selects by: row r has "t(r % 100)" (1% of the rows each)
    /// and "h(r % 2)" (50%).
    public static func filterTags(rowCount: Int) -> ImageTextIndex {
        ImageTextIndex(.tag, rowCount: rowCount) { row in ImageRecord(file: "", tags: ["t\(row % 100)", "h\(row % 2)"]) }
    }

    /// A query among the rows of a tag (1% and 50% of them), index lookup included, against the
    /// unfiltered query; checked against the exact scores of the subset's rows.
    public func measureFiltered(_ workload: Workload, tags: ImageTextIndex, threads: Int) -> [BenchmarkRow] {
        let (matrix, queries) = (workload.matrix, workload.queries)
        let unfiltered = ParallelScan(matrix, threads: threads, rowNormBound: 1)
        let exact = ExactSearch(matrix)
        return [("where1%", "t7"), ("where50%", "h0")].map { mode, tag in
            let subset = tags.rows(equalTo: tag)
            var same = true
            let timed = timePairs(floor: { _ = unfiltered.nearest(to: queries[0], k: k) }) { i in
                let query = queries[i % queries.count]
                let hits = RowSubsetSearch(matrix, subset: tags.rows(equalTo: tag), threads: threads, rowNormBound: 1).nearest(to: query, k: k)
                if i < 4 { same = same && hits == subsetReference(exact, query, subset) }
            }
            return BenchmarkRow(dimension: matrix.dimension, threads: threads, storage: "f32", mode: mode,
                                msPerQuery: timed.work, floorMs: timed.floor, ratio: timed.ratio, same: same)
        }
    }

    /// The exact top k among the subset's rows: every row scored by `ExactSearch`, the others left out.
    func subsetReference(_ exact: ExactSearch, _ query: [Float], _ subset: RowSet) -> [Hit] {
        var top = TopK(k: k)
        for (row, score) in exact.scores(for: query).enumerated() where subset.contains(row) { top.insert(index: row, score: score) }
        return top.sorted()
    }
}
