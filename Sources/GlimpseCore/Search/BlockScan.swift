/// The scan kernel of the fast searches: scores eight rows at a time and offers only the rows
/// that could still make the top k.
///
/// Eight rows share each load of the query, and their eight sums are reduced together (a
/// transpose-and-add of eight vectors into one) instead of one horizontal sum per row; one
/// vector comparison with the running cutoff then clears all eight rows at once. The sums
/// are added in another order than `DotProduct`'s, so the scores are approximate in the
/// last bits: callers collect rows into a `CandidateTopK` with `ScoreTolerance.reordered`
/// (plus the rounding of the stored format) and re-score the candidates exactly.
enum BlockScan {
    /// Offers every row of `rows` whose approximate score `candidates` admits, unless excluded.
    @inline(__always)
    static func scan<Format: RowFormat>(
        _ format: Format.Type, base: UnsafeRawPointer, dimension: Int, rows: Range<Int>,
        query: UnsafePointer<Float>, excluding: Set<Int>, into candidates: inout CandidateTopK
    ) {
        let rowBytes = dimension * Format.valueSize
        let vectorColumns = dimension & ~7
        var row = rows.lowerBound
        while row + 8 <= rows.upperBound {
            let scores = scores8(format, base + row * rowBytes, rowBytes: rowBytes, dimension: dimension,
                                 vectorColumns: vectorColumns, query: query)
            // NaN compares false, so a NaN score is offered (and ranks last), as in the plain scan.
            let below = scores .< SIMD8<Float>(repeating: candidates.cutoff)
            if !all(below) {
                for lane in 0..<8 where candidates.admits(scores[lane]) && !excluding.contains(row + lane) {
                    candidates.offer(index: row + lane, score: scores[lane])
                }
            }
            row += 8
        }
        while row < rows.upperBound {
            let start = base + row * rowBytes
            var score: Float = 0
            for column in 0..<dimension {
                score += Format.load1(start, byteOffset: column * Format.valueSize) * query[column]
            }
            if candidates.admits(score) && !excluding.contains(row) { candidates.offer(index: row, score: score) }
            row += 1
        }
    }

    /// The scores of the eight rows starting at `first`, `rowBytes` apart.
    @inline(__always)
    static func scores8<Format: RowFormat>(
        _ format: Format.Type, _ first: UnsafeRawPointer, rowBytes: Int, dimension: Int, vectorColumns: Int,
        query: UnsafePointer<Float>
    ) -> SIMD8<Float> {
        let q = UnsafeRawPointer(query)
        let r0 = first, r1 = first + rowBytes, r2 = first + 2 * rowBytes, r3 = first + 3 * rowBytes
        let r4 = first + 4 * rowBytes, r5 = first + 5 * rowBytes, r6 = first + 6 * rowBytes, r7 = first + 7 * rowBytes
        // Row after row, so the reads run through memory in order as in a plain scan (interleaving
        // the eight rows column by column measured slower: the prefetcher follows one stream best).
        let s0 = partialSums(format, r0, vectorColumns: vectorColumns, query: q)
        let s1 = partialSums(format, r1, vectorColumns: vectorColumns, query: q)
        let s2 = partialSums(format, r2, vectorColumns: vectorColumns, query: q)
        let s3 = partialSums(format, r3, vectorColumns: vectorColumns, query: q)
        let s4 = partialSums(format, r4, vectorColumns: vectorColumns, query: q)
        let s5 = partialSums(format, r5, vectorColumns: vectorColumns, query: q)
        let s6 = partialSums(format, r6, vectorColumns: vectorColumns, query: q)
        let s7 = partialSums(format, r7, vectorColumns: vectorColumns, query: q)
        var column = vectorColumns
        // Transpose-and-add: lane i of the result is the sum of s_i's eight lanes.
        let s01 = pairSums(s0, s1), s23 = pairSums(s2, s3), s45 = pairSums(s4, s5), s67 = pairSums(s6, s7)
        let s0123 = pairSums(s01, s23), s4567 = pairSums(s45, s67)
        var scores = pairSums(s0123, s4567)
        // The last dimension % 8 columns (2 of 50), row by row.
        while column < dimension {
            let offset = column * Format.valueSize
            let x = query[column]
            var tail = SIMD8<Float>(
                Format.load1(r0, byteOffset: offset), Format.load1(r1, byteOffset: offset),
                Format.load1(r2, byteOffset: offset), Format.load1(r3, byteOffset: offset),
                Format.load1(r4, byteOffset: offset), Format.load1(r5, byteOffset: offset),
                Format.load1(r6, byteOffset: offset), Format.load1(r7, byteOffset: offset))
            tail *= x
            scores += tail
            column += 1
        }
        return scores
    }

    /// The eight lane-wise partial sums of one row's products over its first `vectorColumns` columns.
    @inline(__always)
    static func partialSums<Format: RowFormat>(
        _ format: Format.Type, _ row: UnsafeRawPointer, vectorColumns: Int, query: UnsafeRawPointer
    ) -> SIMD8<Float> {
        // Four accumulators: one chain of 32 dependent FMAs per 256-d row would leave the core
        // waiting on FMA latency rather than on memory.
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>(), sum2 = SIMD8<Float>(), sum3 = SIMD8<Float>()
        var column = 0
        while column + 32 <= vectorColumns {
            let offset = column * Format.valueSize
            let step = 8 * Format.valueSize
            sum0.addProduct(Format.load8(row, byteOffset: offset), query.loadUnaligned(fromByteOffset: column * 4, as: SIMD8<Float>.self))
            sum1.addProduct(Format.load8(row, byteOffset: offset + step), query.loadUnaligned(fromByteOffset: column * 4 + 32, as: SIMD8<Float>.self))
            sum2.addProduct(Format.load8(row, byteOffset: offset + 2 * step), query.loadUnaligned(fromByteOffset: column * 4 + 64, as: SIMD8<Float>.self))
            sum3.addProduct(Format.load8(row, byteOffset: offset + 3 * step), query.loadUnaligned(fromByteOffset: column * 4 + 96, as: SIMD8<Float>.self))
            column += 32
        }
        while column < vectorColumns {
            sum0.addProduct(
                Format.load8(row, byteOffset: column * Format.valueSize),
                query.loadUnaligned(fromByteOffset: column * 4, as: SIMD8<Float>.self))
            swap(&sum0, &sum1)
            column += 8
        }
        return (sum0 + sum1) + (sum2 + sum3)
    }

    /// Adds neighbouring lanes of `a` and of `b`: (a0+a1, a2+a3, a4+a5, a6+a7, b0+b1, ..., b6+b7).
    ///
    /// Applied three times to eight vectors it leaves each vector's total in its own lane.
    @inline(__always)
    static func pairSums(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(lowHalf: a.evenHalf, highHalf: b.evenHalf) + SIMD8(lowHalf: a.oddHalf, highHalf: b.oddHalf)
    }
}
