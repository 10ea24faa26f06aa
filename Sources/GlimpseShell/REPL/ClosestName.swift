/// "Did you mean" for short lists of names (commands, help topics).
enum ClosestName {
    /// The name nearest to `typed` by edit distance, if it is within `limit` edits.
    static func find(_ typed: String, among names: [String], limit: Int = 2) -> String? {
        var best: (name: String, distance: Int)?
        for name in names {
            let d = distance(typed, name)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        return best?.name
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
