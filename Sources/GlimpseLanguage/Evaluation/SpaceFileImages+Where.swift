import GlimpseCore

/// `where` over a space file: the rows whose records and file facts pass a condition's metadata
/// comparisons, as a `RowSet` for `RowSubsetSearch`.
extension SpaceFileImages {
    /// The images a condition's metadata comparisons keep (score comparisons keep every row).
    func rows(_ condition: Condition) throws(Diagnostic) -> RowSet {
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
        guard let collections = space.imageCollections else { throw Diagnostic.noCollections(comparison) }
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
        guard !named.isEmpty else { throw Diagnostic.unknownCollection(comparison, collections: collections.map(\.name)) }
        for collection in named { rows = rows.union(RowSet(rowCount: space.imageCount, range: collection.rows)) }
        return comparison.comparator == .notEqual ? rows.complement() : rows
    }

    /// Rows by what their files say. An unknown value (a PNG's date taken) makes every comparison
    /// false, `!=` included; `not` makes it true.
    private func factRows(_ comparison: Comparison) throws(Diagnostic) -> RowSet {
        guard let facts = space.imageFileFacts else { throw Diagnostic.noFileFacts(comparison) }
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
