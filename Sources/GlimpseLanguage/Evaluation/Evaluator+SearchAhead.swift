import GlimpseCore

/// Searching ahead: the searches of many statements made together, one pass over the rows for a
/// whole batch (sgemm, `BatchSearch`) instead of one pass per statement.
///
/// The rule for what may be searched ahead: a statement's query must be computable before the
/// statements above it have searched. So a batch runs from the next statement up to (not
/// including) the first later statement that
/// - reads a hit of an earlier listing (`#n`): that listing exists only once its search has run;
/// - embeds an image file (`image("...")`): too slow to evaluate twice, it runs alone.
/// A `let` is fine: it only computes. The first statement of a batch may read `#n`, since every
/// statement above it has run by then.
///
/// The queries are found by a dry run of the batch's statements, in order, with searches written
/// down instead of made (`recordedSearches`) and the session state put back afterwards. Then the
/// statements run for real, one by one, and each search is answered from the batch when its request
/// is the same, bit for bit (`SearchRequest`), else made then. So the outcomes, errors and their
/// order are the ones the statements give alone; searching ahead only changes how long it takes.
extension Evaluator {
    /// How much one batch may take on, so memory and the time between two chances to interrupt stay bounded.
    public struct SearchAheadLimits: Sendable, Equatable {
        /// Statements per batch (1: no batches, every statement searches alone).
        public var statements: Int
        /// Hits held per batch: the sum of K over its searches.
        public var hits: Int
        /// Work per batch: the sum over its searches of rows searched times the dimension (about
        /// 1.4 s of sgemm at 100 GFLOP/s for 2^36).
        public var multiplyAdds: Int

        public init(statements: Int, hits: Int, multiplyAdds: Int) {
            self.statements = statements
            self.hits = hits
            self.multiplyAdds = multiplyAdds
        }

        /// 1,024 statements: 80 MB of 400,000 x 50 word vectors are read once per 1,024 queries.
        public static let standard = SearchAheadLimits(statements: 1024, hits: 1 << 18, multiplyAdds: 1 << 36)
        /// Every statement searches alone, as before batches existed.
        public static let none = SearchAheadLimits(statements: 1, hits: 0, multiplyAdds: 0)
    }

    /// Makes the searches of a batch at the start of `statements` and returns how many statements the
    /// batch holds (at least one). Run those statements next, in order, with `run`.
    ///
    /// `stopsAtFirstError`: the caller stops at the first statement that fails, so the batch ends there.
    func searchAhead(_ statements: ArraySlice<Statement>, limits: SearchAheadLimits, stopsAtFirstError: Bool) -> Int {
        guard let first = statements.first else { return 0 }
        guard !first.embedsImageFile else { return 1 }
        var end = statements.startIndex + 1
        while end < statements.endIndex, end - statements.startIndex < limits.statements,
              !statements[end].readsEarlierHits, !statements[end].embedsImageFile {
            end += 1
        }
        guard end - statements.startIndex > 1 else { return 1 }

        let saved = sessionState
        recordedSearches = []
        var hits = 0, multiplyAdds = 0, counted = 0
        var batchEnd = statements.startIndex
        while batchEnd < end {
            let statement = statements[batchEnd]
            batchEnd += 1
            do throws(Diagnostic) {
                _ = try run(statement)
            } catch {
                if stopsAtFirstError { break }
            }
            for request in recordedSearches![counted...] {
                hits += max(request.k, 0)
                multiplyAdds += rowCount(request.target) * space.dimension
            }
            counted = recordedSearches!.count
            if hits >= limits.hits || multiplyAdds >= limits.multiplyAdds { break }
        }
        let requests = recordedSearches!
        recordedSearches = nil
        sessionState = saved

        searchedAhead = [:]
        var groups: [SearchRequest.Group: [SearchRequest]] = [:]
        for request in Set(requests) { groups[request.group, default: []].append(request) }
        for (group, requests) in groups {
            let found = search(group.target).nearest(to: requests.map(\.query), k: group.k, excluding: requests.map(\.excluding))
            for (request, hits) in zip(requests, found) { searchedAhead[request] = hits }
        }
        return batchEnd - statements.startIndex
    }

    private func rowCount(_ target: SearchRequest.Target) -> Int {
        switch target {
        case .words: space.wordCount
        case .wordsAmongFirst(let count): min(max(count, 0), space.wordCount)
        case .images: images.count
        }
    }
}

extension Statement {
    /// Whether it reads a hit of an earlier listing (`#n`), which exists only once that listing's search has run.
    var readsEarlierHits: Bool {
        expressions.contains { $0.contains { if case .hit = $0.kind { true } else { false } } }
    }

    /// Whether evaluating it embeds an image file (`image("...")`).
    var embedsImageFile: Bool {
        expressions.contains { $0.contains { if case .call(.image) = $0.kind { true } else { false } } }
    }

    /// The expressions it evaluates.
    var expressions: [Expression] {
        switch kind {
        case .binding(_, let value): [value]
        case .top(_, let query, _): [query]
        case .words(_, let query, _): [query]
        case .show(let expression): [expression]
        case .expression(let expression): [expression]
        }
    }
}

extension Expression {
    /// Whether it or any expression inside it satisfies `predicate`.
    func contains(where predicate: (Expression) -> Bool) -> Bool {
        if predicate(self) { return true }
        switch kind {
        case .word, .phrase, .image, .hit, .number, .lastQuery:
            return false
        case .negate(let inner), .group(let inner):
            return inner.contains(where: predicate)
        case .binary(_, let left, let right):
            return left.contains(where: predicate) || right.contains(where: predicate)
        case .call(let call):
            return call.arguments.contains { $0.contains(where: predicate) }
        }
    }
}
