import GlimpseCore

/// `top` and `words` with their clauses: `where` chooses the rows to search and cuts the scores,
/// `distinct` folds near-copies, `explain` splits each score into the terms' shares.
extension Evaluator {
    /// The images of `top`: among the rows the metadata conditions keep (a search among a
    /// subset, not a filter after it), then cut by the score conditions and `distinct`.
    func imageListing(_ query: QueryVector, k: Int, clauses: ListingClauses) throws(Diagnostic) -> ImageListing {
        var search = Search.target(.images)
        if let filter = clauses.filter, let rows = try imageRows(filter) {
            search = .subset(RowSubsetSearch(space.imageVectors, half: space.halfImageVectors, subset: rows, rowNormBound: 1))
        }
        let selected = select(query, k: k, clauses: clauses, in: search, excluding: query.images, rows: space.imageVectors)
        let hits = selected.kept.enumerated().map { rank, kept in
            ImageHit(rank: rank + 1, row: kept.hit.index, number: space.imageNumber(row: kept.hit.index), score: kept.hit.score,
                     record: space.image(at: kept.hit.index), facts: space.imageFileFacts?[kept.hit.index])
        }
        return ImageListing(
            query: query.formula, requested: k, includesQuery: clauses.includeQuery, hits: hits,
            filter: clauses.filter.map(Printer.text(of:)),
            distinct: clauses.distinct.map { folded($0, selected) },
            explanation: clauses.explain ? explanation(of: query, rows: hits.map(\.row), in: space.imageVectors) : nil)
    }

    /// The words of `words`, of the first N with `among N`; `where` here has score conditions only.
    func wordListing(_ query: QueryVector, k: Int, clauses: ListingClauses) throws(Diagnostic) -> WordListing {
        let search = Search.target(clauses.among.map { .wordsAmongFirst($0.value) } ?? .words)
        let rows = clauses.among.map { space.wordVectors.prefix($0.value) } ?? space.wordVectors
        let selected = select(query, k: k, clauses: clauses, in: search, excluding: query.words, rows: rows)
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
    /// be made ahead in batches), or a subset of the images that `where` chose.
    private enum Search {
        case target(SearchRequest.Target)
        case subset(RowSubsetSearch)
    }

    /// The first k hits of the exact ranking `search` gives that pass the score conditions and
    /// `distinct`.
    private func select(_ query: QueryVector, k: Int, clauses: ListingClauses, in search: Search,
                        excluding: Set<Int>, rows: Matrix) -> (kept: [HitSelection.Kept], folded: Int) {
        let unit = query.normalized.components
        let excluded = clauses.includeQuery ? [] : excluding
        let distinct = clauses.distinct.map {
            HitSelection.Distinct(threshold: Float($0.threshold ?? Distinct.defaultThreshold), rows: rows)
        }
        let selection = HitSelection(k: k, range: Self.scoreRange(clauses.filter), distinct: distinct)
        return selection.select { k in
            switch search {
            case .target(let target): nearest(target, to: unit, k: k, excluding: excluded)
            // Not made ahead: during searchAhead's dry run the hits are not needed, only recorded.
            case .subset(let subset): recordedSearches != nil ? [] : subset.nearest(to: unit, k: k, excluding: excluded)
            }
        }
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

    /// The images a condition's metadata comparisons keep, or nil when it compares only scores.
    func imageRows(_ condition: Condition) throws(Diagnostic) -> RowSet? {
        guard Self.comparesMetadata(condition) else { return nil }
        return try rows(condition)
    }

    private static func comparesMetadata(_ condition: Condition) -> Bool {
        switch condition.kind {
        case .comparison(let comparison): comparison.field != .score
        case .and(let left, let right), .or(let left, let right): comparesMetadata(left) || comparesMetadata(right)
        case .not(let operand), .group(let operand): comparesMetadata(operand)
        }
    }

    private func rows(_ condition: Condition) throws(Diagnostic) -> RowSet {
        switch condition.kind {
        case .comparison(let comparison):
            // Score comparisons sit only under 'and' (the parser checks): here they keep every row.
            return comparison.field == .score ? RowSet.all(rowCount: space.imageCount) : try rows(comparison)
        case .and(let left, let right): return try rows(left).intersection(try rows(right))
        case .or(let left, let right): return try rows(left).union(try rows(right))
        case .not(let operand): return try rows(operand).complement()
        case .group(let inner): return try rows(inner)
        }
    }

    private func rows(_ comparison: Comparison) throws(Diagnostic) -> RowSet {
        let count = space.imageCount
        switch comparison.field {
        case .tag, .title, .file, .folder:
            guard case .text(let text) = comparison.value else { return RowSet(rowCount: count) }
            let index = textIndex(comparison.field)
            switch comparison.comparator {
            case .notEqual: return index.rows(equalTo: text).complement()
            case .matches: return index.rows(where: Glob(text).matches)
            default: return index.rows(equalTo: text)
            }
        case .collection:
            return try collectionRows(comparison)
        case .camera, .size, .width, .height, .date, .modified:
            return try factRows(comparison)
        case .score:
            return RowSet.all(rowCount: count)
        }
    }

    private func textIndex(_ field: ConditionField) -> ImageTextIndex {
        let indexed: ImageTextIndex.Field = switch field {
        case .tag: .tag
        case .title: .title
        case .file: .file
        default: .folder  // called for the four fields of the image records only
        }
        if let index = textIndexes[indexed] { return index }
        let index = ImageTextIndex(indexed, of: space)
        textIndexes[indexed] = index
        return index
    }

    private func collectionRows(_ comparison: Comparison) throws(Diagnostic) -> RowSet {
        guard let collections = space.imageCollections else {
            throw Diagnostic(.noCollections, "this space does not say which collection each image came in", at: comparison.fieldRange,
                             notes: ["spaces made by 'glimpse build' do"])
        }
        guard case .text(let name) = comparison.value else { return RowSet(rowCount: space.imageCount) }
        var rows = RowSet(rowCount: space.imageCount)
        if comparison.comparator == .matches {
            let glob = Glob(name)
            for collection in collections where glob.matches(collection.name) {
                rows = rows.union(RowSet(rowCount: space.imageCount, range: collection.rows))
            }
            return rows
        }
        let named = collections.filter { $0.name == name }
        guard !named.isEmpty else {
            throw Diagnostic(.unknownCollection, "no collection is named '\(name)'", at: comparison.valueRange,
                             notes: ["the collections are " + collections.map { "'\($0.name)'" }.joined(separator: ", ")])
        }
        for collection in named { rows = rows.union(RowSet(rowCount: space.imageCount, range: collection.rows)) }
        return comparison.comparator == .notEqual ? rows.complement() : rows
    }

    /// Rows by what their files say. An unknown value (a PNG's date taken) makes every comparison
    /// false, `!=` included; `not` makes it true.
    private func factRows(_ comparison: Comparison) throws(Diagnostic) -> RowSet {
        guard let facts = space.imageFileFacts else {
            let what = switch comparison.field {
            case .date: "dates"
            case .modified: "modification times"
            case .size: "file sizes"
            case .camera: "cameras"
            default: "pixel sizes"
            }
            throw Diagnostic(.noFileFacts, "this space has no \(what) for its images; spaces made by 'glimpse index' have them",
                             at: comparison.fieldRange)
        }
        let count = space.imageCount
        let op = comparison.comparator
        switch (comparison.field, comparison.value) {
        case (.camera, .text(let text)):
            let glob = Glob(text)
            let chosen = Set(facts.cameras.indices.filter { op == .matches ? glob.matches(facts.cameras[$0]) : facts.cameras[$0] == text })
            return RowSet(rowCount: count, rows: (0..<count).filter { row in
                guard let camera = facts.cameraIndex(at: row) else { return false }
                return op == .notEqual ? !chosen.contains(camera) : chosen.contains(camera)
            })
        case (.size, .number(let bound)), (.width, .number(let bound)), (.height, .number(let bound)):
            let field = comparison.field
            return RowSet(rowCount: count, rows: (0..<count).filter { row in
                let value = field == .size ? facts.byteSize(at: row) : field == .width ? facts.pixelWidth(at: row) : facts.pixelHeight(at: row)
                return value.map { Self.holds(Double($0), op, bound) } ?? false
            })
        case (.date, .date(let day)), (.modified, .date(let day)):
            let taken = comparison.field == .date
            let bound = Double(day.daysSince1970)
            return RowSet(rowCount: count, rows: (0..<count).filter { row in
                guard let seconds = taken ? facts.taken(at: row) : facts.modified(at: row) else { return false }
                // The day a time falls on: whole days since 1970, rounded down (before 1970 too).
                let days = seconds >= 0 ? seconds / 86_400 : -((-seconds - 1) / 86_400) - 1
                return Self.holds(Double(days), op, bound)
            })
        default:
            return RowSet(rowCount: count)  // the parser allows no other pairing
        }
    }

    private static func holds(_ value: Double, _ op: Comparator, _ bound: Double) -> Bool {
        switch op {
        case .equal: value == bound
        case .notEqual: value != bound
        case .less: value < bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .greaterOrEqual: value >= bound
        case .matches: false
        }
    }
}
