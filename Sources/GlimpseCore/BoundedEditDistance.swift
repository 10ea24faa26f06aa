/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance from one query to many words,
/// giving up on a word as soon as it cannot come within a bound.
///
/// Suggestions scan all 400,000 words per unknown word, so the three DP rows are allocated
/// once per query and the inner loop works on raw pointers.
struct BoundedEditDistance: ~Copyable {
    private let query: UnsafeMutableBufferPointer<UInt8>
    private let rows: UnsafeMutablePointer<Int32>

    /// `query` must already be ASCII case-folded.
    init(query: [UInt8]) {
        self.query = UnsafeMutableBufferPointer.allocate(capacity: max(query.count, 1))
        _ = self.query.initialize(from: query)
        rows = UnsafeMutablePointer.allocate(capacity: 3 * (query.count + 1))
        rows.initialize(repeating: 0, count: 3 * (query.count + 1))
        queryCount = query.count
        queryMask = query.reduce(0) { $0 | Self.bit($1) }
    }

    private let queryCount: Int
    /// Which of 64 byte classes occur in the query; see `distance(to:bound:)`.
    private let queryMask: UInt64

    @inline(__always)
    private static func bit(_ byte: UInt8) -> UInt64 { 1 << UInt64(byte & 63) }

    deinit {
        query.deallocate()
        rows.deallocate()
    }

    /// The distance to `word` (ASCII letters folded) if it is at most `bound`, else some value above `bound`.
    func distance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int {
        let n = queryCount
        let m = word.count
        if abs(n - m) > bound { return bound + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        let q = query.baseAddress!
        let w = word.baseAddress!
        // A cheap lower bound first: one edit changes which byte classes occur by at most two,
        // so words differing from the query in more than 2 x bound classes are out. This skips
        // most of a 400,000-word vocabulary without running the table.
        var mask: UInt64 = 0
        for i in 0..<m { mask |= Self.bit(Vocabulary.foldASCII(w[i])) }
        if (mask ^ queryMask).nonzeroBitCount > 2 * bound { return bound + 1 }
        let b = Int32(bound)
        var rowMinus2 = rows
        var rowMinus1 = rows + (n + 1)
        var row = rows + 2 * (n + 1)
        for j in 0...n { rowMinus1[j] = Int32(j) }
        var previousChar: UInt8 = 0
        for i in 1...m {
            let c = Vocabulary.foldASCII(w[i - 1])
            row[0] = Int32(i)
            var rowMinimum = row[0]
            for j in 1...n {
                let cost: Int32 = q[j - 1] == c ? 0 : 1
                var value = min(rowMinus1[j] + 1, row[j - 1] + 1, rowMinus1[j - 1] + cost)
                if i > 1 && j > 1 && q[j - 1] == previousChar && q[j - 2] == c {
                    value = min(value, rowMinus2[j - 2] + 1)
                }
                row[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > b { return bound + 1 }
            previousChar = c
            (rowMinus2, rowMinus1, row) = (rowMinus1, row, rowMinus2)
        }
        return Int(rowMinus1[n])
    }
}
