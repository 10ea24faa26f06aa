/// The memory-read floor: one streaming pass over a block of bytes, the least any exact scan of them costs.
///
/// A scan that reaches this floor is bound by memory bandwidth, not by arithmetic; the
/// benchmark reports every search's time as a ratio to it, measured in the same run.
public enum ReadFloor {
    /// Reads `byteCount` bytes at `base` once (SIMD loads, split over `threads` contiguous slices)
    /// and returns the sum of the bytes taken as floats, so that the reads cannot be optimised away.
    public static func read(_ base: UnsafeRawPointer, byteCount: Int, threads: Int) -> Float {
        let chunks = byteCount / 128
        let parts = RowPartition.ranges(count: chunks, parts: threads)
        var sums = [Float](repeating: 0, count: parts.count)
        sums.withUnsafeMutableBufferPointer { results in
            let results = results
            RowPartition.run(parts: parts.count) { part in
                results[part] = sum(base, chunks: parts[part])
            }
        }
        var total = sums.reduce(0, +)
        var tail = chunks * 128
        while tail + 4 <= byteCount {
            total += base.loadUnaligned(fromByteOffset: tail, as: Float.self)
            tail += 4
        }
        return total
    }

    /// The sum of 128-byte chunks: four independent accumulators keep four loads in flight per step.
    private static func sum(_ base: UnsafeRawPointer, chunks: Range<Int>) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        for chunk in chunks {
            let p = base + chunk * 128
            s0 += p.loadUnaligned(as: SIMD8<Float>.self)
            s1 += p.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            s2 += p.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            s3 += p.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
        }
        return ((s0 + s1) + (s2 + s3)).sum()
    }
}
