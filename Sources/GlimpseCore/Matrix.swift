/// A read-only `rows` x `dimension` matrix of `Float`, contiguous and row-major.
///
/// The values live either in a memory-mapped space file (no copy) or in a buffer the
/// matrix owns; either way the matrix keeps its storage alive.
public struct Matrix: @unchecked Sendable {
    public let rows: Int
    public let dimension: Int
    private let storage: ByteStorage
    private let start: UnsafePointer<Float>

    /// The first value of the first row.
    public var base: UnsafePointer<Float> { start }

    /// Row `i`, `dimension` values long.
    @inline(__always)
    public func row(_ i: Int) -> UnsafeBufferPointer<Float> {
        precondition(i >= 0 && i < rows, "row \(i) out of range 0..<\(rows)")
        return UnsafeBufferPointer(start: start + i * dimension, count: dimension)
    }

    /// A matrix that owns a copy of `values` (row-major, `values.count` a multiple of `dimension`).
    public init(copying values: [Float], dimension: Int) {
        precondition(dimension > 0, "dimension must be positive")
        precondition(values.count % dimension == 0, "\(values.count) values do not fill rows of \(dimension)")
        let byteCount = values.count * MemoryLayout<Float>.stride
        let (storage, pointer) = ByteStorage.allocate(count: byteCount)
        values.withUnsafeBytes { source in
            if let from = source.baseAddress { pointer.copyMemory(from: from, byteCount: byteCount) }
        }
        self.init(storage: storage, offset: 0, rows: values.count / dimension, dimension: dimension)
    }

    /// A view of `rows` x `dimension` floats at byte `offset` of `storage`; the caller has bounds-checked it.
    init(storage: ByteStorage, offset: Int, rows: Int, dimension: Int) {
        self.storage = storage
        self.rows = rows
        self.dimension = dimension
        self.start = (storage.base + offset).assumingMemoryBound(to: Float.self)
    }

    /// The first `count` rows (all of them if there are fewer), sharing this matrix's storage.
    public func prefix(_ count: Int) -> Matrix {
        Matrix(storage: storage, offset: UnsafeRawPointer(start) - UnsafeRawPointer(storage.base),
               rows: min(max(count, 0), rows), dimension: dimension)
    }

    /// All values as an array (row-major); handy for tests and for re-importing.
    public var values: [Float] {
        Array(UnsafeBufferPointer(start: start, count: rows * dimension))
    }
}
