/// Dot products of half-precision rows with a float32 query, widened in the SIMD loop.
///
/// Built with `-march=x86-64-v3`, `SIMD8<Float>(SIMD8<Float16>)` is one F16C `vcvtph2ps`
/// and `addProduct` one FMA, so a row costs its loads plus a few instructions per 8 values.
enum HalfPrecisionDotProduct {
    /// The dot product of `count` half floats at `row` and `count` floats at `query` (no alignment needed).
    @inline(__always)
    static func dot(_ row: UnsafeRawPointer, _ query: UnsafePointer<Float>, count: Int) -> Float {
        let q = UnsafeRawPointer(query)
        var sum0 = SIMD8<Float>()
        var sum1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            let a0 = SIMD8<Float>(row.loadUnaligned(fromByteOffset: i * 2, as: SIMD8<Float16>.self))
            let a1 = SIMD8<Float>(row.loadUnaligned(fromByteOffset: i * 2 + 16, as: SIMD8<Float16>.self))
            sum0.addProduct(a0, q.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            sum1.addProduct(a1, q.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self))
            i += 16
        }
        if i + 8 <= count {
            sum0.addProduct(
                SIMD8<Float>(row.loadUnaligned(fromByteOffset: i * 2, as: SIMD8<Float16>.self)),
                q.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            i += 8
        }
        var total = (sum0 + sum1).sum()
        while i < count {
            total += Float(row.loadUnaligned(fromByteOffset: i * 2, as: Float16.self)) * query[i]
            i += 1
        }
        return total
    }
}
