import GlimpseCore

/// `top` and `words` with their clauses: `where` chooses the rows to search and cuts the scores,
/// `distinct` folds near-copies, `explain` splits each score into the terms' shares.
extension Evaluator {
    /// The images of `top`: among the rows the metadata conditions keep (a search among a
    /// subset, not a filter after it), then cut by the score conditions and `distinct`.
    /// A failure to read the images is reported at `range`, the statement.
    func imageListing(_ query: QueryVector, k: Int, clauses: ListingClauses, at range: SourceRange) throws(Diagnostic) -> ImageListing {
        let unit = query.normalized.components
        var search = Search.target(.images)
        if images.batchSearch == nil || clauses.filter?.comparesMetadata == true {
            search = .images(clauses.filter)
            // Asked for no hits, so that a condition naming no collection fails before any search.
            _ = try readingImages(at: range) { () throws in
                try images.nearest(to: unit, k: 0, excluding: [], where: clauses.filter)
            }
        }
        let selected = try select(query, k: k, clauses: clauses, in: search, excluding: query.images,
                                  rows: clauses.distinct == nil ? nil : try imageVectorsForDistinct(at: range), at: range)
        let rows = selected.kept.map { $0.hit.index }
        let described = try readingImages(at: range) { () throws in try images.descriptions(rows: rows) }
        let hits = zip(selected.kept, described).enumerated().map { rank, element in
            let (kept, description) = element
            return ImageHit(rank: rank + 1, row: kept.hit.index, number: images.number(row: kept.hit.index), score: kept.hit.score,
                            record: description.record, facts: description.facts)
        }
        var explanation: Explanation?
        if clauses.explain {
            let vectors = try readingImages(at: range) { () throws in try images.vectors(rows: rows) }
            explanation = self.explanation(of: query, rows: Array(rows.indices), in: vectors)
        }
        return ImageListing(
            query: query.formula, requested: k, includesQuery: clauses.includeQuery, hits: hits,
            filter: clauses.filter.map(Printer.text(of:)),
            distinct: clauses.distinct.map { folded($0, selected) },
            explanation: explanation)
    }

    /// The images' vectors for `distinct`, which compares each hit with the better ones.
    private func imageVectorsForDistinct(at range: SourceRange) throws(Diagnostic) -> Matrix {
        guard let vectors = images.vectorsInMemory else {
            throw Diagnostic(.distinctUnavailable, "'distinct' needs the images' vectors in memory, and this space keeps them in a database",
                             at: range, notes: ["a space file has them: 'glimpse export' or the file that was pushed"])
        }
        return vectors
    }

    /// The words of `words`, of the first N with `among N`; `where` here has score conditions only.
    func wordListing(_ query: QueryVector, k: Int, clauses: ListingClauses, at range: SourceRange) throws(Diagnostic) -> WordListing {
        let search = Search.target(clauses.among.map { .wordsAmongFirst($0.value) } ?? .words)
        let rows = clauses.among.map { space.wordVectors.prefix($0.value) } ?? space.wordVectors
        let selected = try select(query, k: k, clauses: clauses, in: search, excluding: query.words, rows: rows, at: range)
        let hits = selected.kept.enumerated().map { rank, kept in
            WordHit(rank: rank + 1, index: kept.hit.index, word: space.words[kept.hit.index], score: kept.hit.score)
        }
        return WordListing(
            query: query.formula, requested: k, includesQuery: clauses.includeQuery, among: clauses.among?.value, hits: hits,
            filter: clauses.filter.map(Printer.text(of:)),
            distinct: clauses.distinct.map { folded($0, selected) },
            explanation: clauses.explain ? explanation(of: query, rows: hits.map(\.index), in: space.wordVectors) : nil)
    }

    /// Where a listing searches: a whole target, through `nearest` (so a script's searches can
    /// be made ahead in batches), or the images that a `where` chooses (or all of them, when they
    /// are searched where they are kept), one query at a time.
    private enum Search {
        case target(SearchRequest.Target)
        case images(Condition?)
    }

    /// The first k hits of the exact ranking `search` gives that pass the score conditions and
    /// `distinct`.
    private func select(_ query: QueryVector, k: Int, clauses: ListingClauses, in search: Search,
                        excluding: Set<Int>, rows: Matrix?, at range: SourceRange) throws(Diagnostic) -> (kept: [HitSelection.Kept], folded: Int) {
        let unit = query.normalized.components
        let excluded = clauses.includeQuery ? [] : excluding
        let distinct = clauses.distinct.map {
            HitSelection.Distinct(threshold: Float($0.threshold ?? Distinct.defaultThreshold), rows: rows!)
        }
        let selection = HitSelection(k: k, range: Self.scoreRange(clauses.filter), distinct: distinct)
        var failure: Diagnostic?
        let selected = selection.select { k in
            switch search {
            case .target(let target): return nearest(target, to: unit, k: k, excluding: excluded)
            case .images(let condition):
                // Not made ahead: during searchAhead's dry run the hits are not needed, only recorded.
                guard recordedSearches == nil, failure == nil else { return [] }
                do throws(Diagnostic) {
                    return try readingImages(at: range) { () throws in
                        try images.nearest(to: unit, k: k, excluding: excluded, where: condition)
                    }
                } catch {
                    failure = error
                    return []
                }
            }
        }
        if let failure { throw failure }
        return selected
    }

    private func folded(_ clause: Distinct, _ selected: (kept: [HitSelection.Kept], folded: Int)) -> FoldedHits {
        FoldedHits(threshold: clause.threshold ?? Distinct.defaultThreshold, total: selected.folded, perHit: selected.kept.map(\.folded))
    }

    // MARK: - explain

    /// Each term's share of each listed row's score: weight x (term . row) / |query|. The query is
    /// the weighted sum of its terms' vectors, so the shares add up to the score.
    private func explanation(of query: QueryVector, rows: [Int], in matrix: Matrix) -> Explanation {
        let magnitude = query.magnitude
        let shares = rows.map { row in
            let values = matrix.row(row)
            return query.terms.map { term in
                var dot = 0.0
                for i in values.indices { dot += Double(term.vector[i]) * Double(values[i]) }
                return term.weight * dot / magnitude
            }
        }
        return Explanation(terms: query.terms.map(\.signedText), shares: shares)
    }

    // MARK: - where

    /// The score range of a condition's score comparisons, given the best score; the parser has
    /// made sure they are joined to the rest with `and`, so each must hold for every hit.
    static func scoreRange(_ condition: Condition?) -> @Sendable (Float) -> ScoreRange {
        var comparisons: [Comparison] = []
        func collect(_ condition: Condition) {
            switch condition.kind {
            case .comparison(let comparison) where comparison.field == .score: comparisons.append(comparison)
            case .and(let left, let right):
                collect(left)
                collect(right)
            case .group(let inner): collect(inner)
            default: break
            }
        }
        if let condition { collect(condition) }
        return { [comparisons] best in
            comparisons.reduce(ScoreRange.all) { range, comparison in
                let value: Float
                switch comparison.value {
                case .relative(let relative): value = Float(relative.value(best: Double(best)))
                case .number(let number): value = Float(number)
                case .text, .date: return range  // the parser allows neither for scores
                }
                switch comparison.comparator {
                case .greater: return range.intersection(ScoreRange(lower: .init(value, inclusive: false)))
                case .greaterOrEqual: return range.intersection(ScoreRange(lower: .init(value, inclusive: true)))
                case .less: return range.intersection(ScoreRange(upper: .init(value, inclusive: false)))
                case .lessOrEqual: return range.intersection(ScoreRange(upper: .init(value, inclusive: true)))
                case .equal, .notEqual, .matches: return range  // the parser allows none of them for scores
                }
            }
        }
    }
}
