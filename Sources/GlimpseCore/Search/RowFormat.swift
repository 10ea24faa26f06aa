/// How a matrix stores its values: the scan kernel is written once and specialised for each format.
protocol RowFormat {
    /// Bytes per stored value.
    static var valueSize: Int { get }
    /// Eight values from byte `offset` of `row`, widened to float32.
    static func load8(_ row: UnsafeRawPointer, byteOffset offset: Int) -> SIMD8<Float>
    /// One value from byte `offset` of `row`, widened to float32.
    static func load1(_ row: UnsafeRawPointer, byteOffset offset: Int) -> Float
}

/// float32 rows, as in `Matrix`.
enum Float32Rows: RowFormat {
    static var valueSize: Int { 4 }

    @inline(__always)
    static func load8(_ row: UnsafeRawPointer, byteOffset offset: Int) -> SIMD8<Float> {
        row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func load1(_ row: UnsafeRawPointer, byteOffset offset: Int) -> Float {
        row.loadUnaligned(fromByteOffset: offset, as: Float.self)
    }
}

/// IEEE half-precision rows, as in `HalfPrecisionMatrix`; F16C widens eight in one instruction.
enum Float16Rows: RowFormat {
    static var valueSize: Int { 2 }

    @inline(__always)
    static func load8(_ row: UnsafeRawPointer, byteOffset offset: Int) -> SIMD8<Float> {
        SIMD8<Float>(row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float16>.self))
    }

    @inline(__always)
    static func load1(_ row: UnsafeRawPointer, byteOffset offset: Int) -> Float {
        Float(row.loadUnaligned(fromByteOffset: offset, as: Float16.self))
    }
}
