/// A 2-D array of floats read from a NumPy `.npy` file, row-major.
public struct NumpyArray: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}
