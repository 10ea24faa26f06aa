/// SIMD dot products of float rows; built with `-march=x86-64-v3` so the SIMD8 multiply-adds become AVX2 FMA.
enum DotProduct {
    /// The dot product of `count` floats at `a` and `b` (no alignment needed).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        // Two accumulators hide the FMA latency; more gains little at the dimensions we use (50-512).
        var sum0 = SIMD8<Float>()
        var sum1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            let a0 = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let b0 = rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let a1 = ra.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self)
            let b1 = rb.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self)
            sum0.addProduct(a0, b0)
            sum1.addProduct(a1, b1)
            i += 16
        }
        if i + 8 <= count {
            sum0.addProduct(
                ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self),
                rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            i += 8
        }
        var total = (sum0 + sum1).sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}
