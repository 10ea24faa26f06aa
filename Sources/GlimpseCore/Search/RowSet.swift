/// A set of rows among `0..<rowCount` (the images a filter keeps), as a bitmap: a union,
/// intersection or complement is one pass over `rowCount / 64` words.
public struct RowSet: Sendable, Equatable {
    /// Rows run from 0 to `rowCount - 1`.
    public let rowCount: Int
    /// How many rows the set holds.
    public private(set) var count: Int
    private var words: [UInt64]

    /// The empty set of rows `0..<rowCount`.
    public init(rowCount: Int) {
        precondition(rowCount >= 0, "rowCount must not be negative")
        self.rowCount = rowCount
        self.words = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
        self.count = 0
    }

    /// Every row.
    public static func all(rowCount: Int) -> RowSet {
        RowSet(rowCount: rowCount, range: 0..<rowCount)
    }

    /// The rows of `range` (clamped to `0..<rowCount`).
    public init(rowCount: Int, range: Range<Int>) {
        self.init(rowCount: rowCount)
        let lower = min(max(range.lowerBound, 0), rowCount)
        let upper = min(max(range.upperBound, lower), rowCount)
        var row = lower
        while row < upper {
            if row % 64 == 0 && upper - row >= 64 {
                words[row / 64] = .max
                row += 64
            } else {
                words[row / 64] |= 1 << UInt64(row % 64)
                row += 1
            }
        }
        count = upper - lower
    }

    /// The given rows; each must lie in `0..<rowCount`.
    public init(rowCount: Int, rows: some Sequence<Int>) {
        self.init(rowCount: rowCount)
        for row in rows { insert(row) }
    }

    public func contains(_ row: Int) -> Bool {
        guard row >= 0 && row < rowCount else { return false }
        return words[row / 64] & (1 << UInt64(row % 64)) != 0
    }

    public mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
        let bit: UInt64 = 1 << UInt64(row % 64)
        if words[row / 64] & bit == 0 {
            words[row / 64] |= bit
            count += 1
        }
    }

    public var isEmpty: Bool { count == 0 }

    public func union(_ other: RowSet) -> RowSet { combined(other) { $0 | $1 } }

    public func intersection(_ other: RowSet) -> RowSet { combined(other) { $0 & $1 } }

    /// The rows of `0..<rowCount` that are not in this set.
    public func complement() -> RowSet {
        var result = self
        for i in result.words.indices { result.words[i] = ~result.words[i] }
        if rowCount % 64 != 0, !result.words.isEmpty {
            result.words[result.words.count - 1] &= (1 << UInt64(rowCount % 64)) - 1
        }
        result.count = rowCount - count
        return result
    }

    /// The rows in ascending order.
    public var rows: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        forEachRow(in: 0..<rowCount) { result.append($0) }
        return result
    }

    /// Calls `body` with every row of the set inside `range`, in ascending order.
    @inline(__always)
    public func forEachRow(in range: Range<Int>, _ body: (Int) -> Void) {
        let lower = max(range.lowerBound, 0), upper = min(range.upperBound, rowCount)
        guard lower < upper else { return }
        for wordIndex in (lower / 64)...((upper - 1) / 64) {
            var word = words[wordIndex]
            while word != 0 {
                let row = wordIndex * 64 + word.trailingZeroBitCount
                word &= word - 1
                if row >= lower && row < upper { body(row) }
            }
        }
    }

    private func combined(_ other: RowSet, _ operation: (UInt64, UInt64) -> UInt64) -> RowSet {
        precondition(rowCount == other.rowCount, "row sets of \(rowCount) and \(other.rowCount) rows")
        var result = self
        var count = 0
        for i in result.words.indices {
            result.words[i] = operation(words[i], other.words[i])
            count += result.words[i].nonzeroBitCount
        }
        result.count = count
        return result
    }
}
