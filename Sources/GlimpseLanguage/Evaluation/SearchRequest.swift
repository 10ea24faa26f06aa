/// One search a statement makes: where, for which unit query, how many hits, leaving out which rows.
///
/// The hits depend on nothing else (a space never changes), so a request found ahead of time
/// (`Evaluator.searchAhead`) answers the statement that makes the same request later. The query
/// is compared bit for bit: `-0.0` and `0.0` are different requests.
struct SearchRequest: Hashable {
    enum Target: Hashable {
        case words
        /// The first `n` words of the vocabulary (`words ... among n`).
        case wordsAmongFirst(Int)
        case images
    }

    var target: Target
    var k: Int
    var excluding: Set<Int>
    var query: [Float]

    init(_ target: Target, query: [Float], k: Int, excluding: Set<Int>) {
        self.target = target
        self.query = query
        self.k = k
        self.excluding = excluding
    }

    static func == (a: SearchRequest, b: SearchRequest) -> Bool {
        a.target == b.target && a.k == b.k && a.excluding == b.excluding
            && a.query.count == b.query.count && zip(a.query, b.query).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(target)
        hasher.combine(k)
        hasher.combine(excluding)
        for value in query { hasher.combine(value.bitPattern) }
    }

    /// Requests answered by one batched search: the same rows searched for the same number of hits.
    struct Group: Hashable {
        var target: Target
        var k: Int
    }

    var group: Group { Group(target: target, k: k) }
}
