/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance from one query to many words,
/// giving up as soon as a word cannot come within a bound.
///
/// The rows are allocated once per query, not per word, because suggestions scan 400,000 words.
struct BoundedEditDistance {
    private let query: [UInt8]
    private var previous2: [Int32]
    private var previous: [Int32]
    private var current: [Int32]

    /// `query` must already be ASCII case-folded.
    init(query: [UInt8]) {
        self.query = query
        previous2 = Array(repeating: 0, count: query.count + 1)
        previous = previous2
        current = previous2
    }

    /// The distance to `word` (ASCII letters folded) if it is at most `bound`, else some value above `bound`.
    mutating func distance(to word: UnsafeBufferPointer<UInt8>, bound: Int) -> Int {
        let n = query.count
        let m = word.count
        if abs(n - m) > bound { return bound + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        let b = Int32(bound)
        return query.withUnsafeBufferPointer { q in
            previous2.withUnsafeMutableBufferPointer { rowMinus2 in
                previous.withUnsafeMutableBufferPointer { rowMinus1 in
                    current.withUnsafeMutableBufferPointer { row in
                        var rowMinus2 = rowMinus2
                        var rowMinus1 = rowMinus1
                        var row = row
                        for j in 0...n { rowMinus1[j] = Int32(j) }
                        var previousChar: UInt8 = 0
                        for i in 1...m {
                            let c = Vocabulary.foldASCII(word[i - 1])
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
                            swap(&rowMinus2, &rowMinus1)
                            swap(&rowMinus1, &row)
                        }
                        return Int(rowMinus1[n])
                    }
                }
            }
        }
    }
}
