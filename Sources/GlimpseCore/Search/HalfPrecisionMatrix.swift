/// A read-only `rows` x `dimension` matrix of IEEE half-precision floats: half the bytes of a `Matrix`.
///
/// A scan is bound by how many bytes it reads, so scanning half-precision rows (widened to
/// float32 in the SIMD loop by F16C's `vcvtph2ps`) costs about half of a float32 scan.
/// Values keep 11 significant bits: a unit row's scores move by at most about 5e-4, which
/// `HalfPrecisionSearch` allows for before it re-scores its candidates in float32.
public struct HalfPrecisionMatrix: @unchecked Sendable {
    public let rows: Int
    public let dimension: Int
    private let storage: ByteStorage
    private let start: UnsafeRawPointer

    /// The bytes of the first row; row `i` starts `2 * dimension * i` bytes later.
    var base: UnsafeRawPointer { start }

    /// The largest magnitude a half-precision float holds; larger values would become infinite.
    public static let largestFinite: Float = 65504

    /// A half-precision copy of `matrix` (rounded to nearest), or nil if a value is too large for it.
    public init?(converting matrix: Matrix) {
        let count = matrix.rows * matrix.dimension
        let (storage, pointer) = ByteStorage.allocate(count: count * 2)
        let source = UnsafeRawPointer(matrix.base)
        var i = 0
        var largest = SIMD8<Float>()
        var sawNaN = false
        while i + 8 <= count {
            let values = source.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let magnitude = values.replacing(with: -values, where: values .< 0)
            largest.replace(with: magnitude, where: magnitude .> largest)
            sawNaN = sawNaN || any(values .!= values)
            pointer.storeBytes(of: SIMD8<Float16>(values), toByteOffset: i * 2, as: SIMD8<Float16>.self)
            i += 8
        }
        var largestValue = largest.max()
        while i < count {
            let value = matrix.base[i]
            largestValue = max(largestValue, abs(value))
            pointer.storeBytes(of: Float16(value), toByteOffset: i * 2, as: Float16.self)
            i += 1
        }
        // `!(<=)` also refuses NaN, which `abs` and `max` may have let through.
        if sawNaN || !(largestValue <= Self.largestFinite) { return nil }
        self.init(storage: storage, offset: 0, rows: matrix.rows, dimension: matrix.dimension)
    }

    /// The first `count` rows (all of them if there are fewer), sharing this matrix's storage.
    public func prefix(_ count: Int) -> HalfPrecisionMatrix {
        HalfPrecisionMatrix(storage: storage, offset: start - UnsafeRawPointer(storage.base),
                            rows: min(max(count, 0), rows), dimension: dimension)
    }

    /// A view of `rows` x `dimension` half floats at byte `offset` of `storage`; the caller has bounds-checked it.
    init(storage: ByteStorage, offset: Int, rows: Int, dimension: Int) {
        self.storage = storage
        self.rows = rows
        self.dimension = dimension
        self.start = storage.base + offset
    }

    /// Calls `body` with the matrix's bytes (rows x dimension x 2), e.g. to time one read of them.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(UnsafeRawBufferPointer(start: start, count: rows * dimension * 2)) }
    }

    /// Row `i`, widened to float32.
    public func row(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rows, "row \(i) out of range 0..<\(rows)")
        let rowStart = start + i * dimension * 2
        return (0..<dimension).map { Float(rowStart.loadUnaligned(fromByteOffset: $0 * 2, as: Float16.self)) }
    }
}
