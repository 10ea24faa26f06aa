/// Levenshtein distance with an early exit, for "did you mean" over short lists.
enum EditDistance {
    /// Whether `a` and `b` differ by at most `limit` insertions, deletions or substitutions.
    static func within(_ limit: Int, _ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return false }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return false }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit
    }
}
