/// A dense row-major float32 matrix: the one array type the learning code passes around.
///
/// Row-major with the row stride equal to `columns` so that a `DenseMatrix` can go to
/// OpenBLAS, to a `.npy` file and into a space file without copying or reordering.
public struct DenseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var values: [Float]

    /// A matrix over `values` (row-major, `rows * columns` entries).
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "matrix \(rows)x\(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: value, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One row as a new array.
    public func row(_ i: Int) -> [Float] {
        Array(values[(i * columns)..<((i + 1) * columns)])
    }

    /// The rows at `indices`, in that order.
    public func gathering(rows indices: [Int]) -> DenseMatrix {
        var out = [Float](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < rows, "row \(i) out of 0..<\(rows)")
                    for j in 0..<columns { dst[k * columns + j] = src[i * columns + j] }
                }
            }
        }
        return DenseMatrix(rows: indices.count, columns: columns, values: out)
    }

    /// This matrix's rows followed by `other`'s (same column count).
    public func appending(rows other: DenseMatrix) -> DenseMatrix {
        precondition(other.columns == columns || rows == 0, "column counts differ")
        return DenseMatrix(rows: rows + other.rows, columns: other.columns, values: values + other.values)
    }

    /// `[self | other]`: the columns of both, row by row.
    public func concatenating(columns other: DenseMatrix) -> DenseMatrix {
        precondition(other.rows == rows, "row counts differ")
        let c = columns + other.columns
        var out = [Float](repeating: 0, count: rows * c)
        for i in 0..<rows {
            for j in 0..<columns { out[i * c + j] = values[i * columns + j] }
            for j in 0..<other.columns { out[i * c + columns + j] = other.values[i * other.columns + j] }
        }
        return DenseMatrix(rows: rows, columns: c, values: out)
    }

    /// A copy with every row scaled to unit L2 norm (zero rows stay zero).
    public func rowNormalised() -> DenseMatrix {
        var m = self
        m.normaliseRows()
        return m
    }

    /// Scales every row to unit L2 norm in place; a zero row stays zero.
    public mutating func normaliseRows() {
        let c = columns
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
                var s: Float = 0
                for j in 0..<c { s += v[i * c + j] * v[i * c + j] }
                guard s > 0 else { continue }
                let inv = 1 / s.squareRoot()
                for j in 0..<c { v[i * c + j] *= inv }
            }
        }
    }
}
