/// One text field of every image (its tags, title, file or folder) indexed by value: the distinct
/// values, each with the rows that have it. A filter finds a tag's rows without reading every
/// image's record, and tries a pattern once per distinct value rather than once per image.
///
/// Building it reads every record once, so an evaluator builds each field's index on the first
/// filter that needs it and keeps it.
public struct ImageTextIndex: Sendable {
    public enum Field: Sendable, CaseIterable {
        /// Each of the image's tags (an image has any number).
        case tag
        case title
        /// The file as the space records it.
        case file
        /// The file's folder: its path up to the last `/` (empty for a bare file name).
        case folder
    }

    public let field: Field
    /// The rows are `0..<rowCount`, one per image.
    public let rowCount: Int
    /// The distinct values, sorted.
    public let values: [String]
    /// The rows of `values[i]` are `rows[offsets[i]..<offsets[i + 1]]`, ascending.
    private let offsets: [Int]
    private let rows: [Int32]

    public init(_ field: Field, of space: Space) {
        self.init(field, rowCount: space.imageCount) { space.image(at: $0) }
    }

    /// The index of `field` over `rowCount` records.
    public init(_ field: Field, rowCount: Int, record: (Int) -> ImageRecord) {
        precondition(rowCount <= Int(Int32.max), "\(rowCount) rows do not fit the index")
        var rowsOfValue: [String: [Int32]] = [:]
        for row in 0..<rowCount {
            let record = record(row)
            switch field {
            case .tag:
                // An image that lists a tag twice has it once.
                for (i, tag) in record.tags.enumerated() where !record.tags[..<i].contains(tag) {
                    rowsOfValue[tag, default: []].append(Int32(row))
                }
            case .title:
                rowsOfValue[record.title, default: []].append(Int32(row))
            case .file:
                rowsOfValue[record.file, default: []].append(Int32(row))
            case .folder:
                rowsOfValue[Self.folder(of: record.file), default: []].append(Int32(row))
            }
        }
        let values = rowsOfValue.keys.sorted()
        var offsets = [0]
        var rows: [Int32] = []
        for value in values {
            rows += rowsOfValue[value]!
            offsets.append(rows.count)
        }
        self.field = field
        self.rowCount = rowCount
        self.values = values
        self.offsets = offsets
        self.rows = rows
    }

    /// A file's folder: the path before its last `/`, or empty.
    public static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }

    /// The rows with the value `value` (for tags: with a tag equal to it).
    public func rows(equalTo value: String) -> RowSet {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < value { low = mid + 1 } else { high = mid }
        }
        var set = RowSet(rowCount: rowCount)
        if low < values.count, values[low] == value { add(valueAt: low, to: &set) }
        return set
    }

    /// The rows with a value that `matches` accepts, each distinct value asked once.
    public func rows(where matches: (String) -> Bool) -> RowSet {
        var set = RowSet(rowCount: rowCount)
        for (i, value) in values.enumerated() where matches(value) { add(valueAt: i, to: &set) }
        return set
    }

    private func add(valueAt i: Int, to set: inout RowSet) {
        for row in rows[offsets[i]..<offsets[i + 1]] { set.insert(Int(row)) }
    }
}
