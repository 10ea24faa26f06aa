import CPrefetch

/// The scan kernel of the fast searches: scores eight rows at a time and offers only the rows
/// that could still make the top k.
///
/// Eight rows' sums are reduced together (a transpose-and-add of eight vectors into one)
/// instead of one horizontal sum per row; one vector comparison with the running cutoff then
/// clears all eight rows at once. The sums are added in another order than `DotProduct`'s, so
/// the scores are approximate in the last bits: callers collect rows into a `CandidateTopK`
/// with `ScoreTolerance.reordered` (plus the rounding of the stored format) and re-score the
/// candidates exactly.
///
/// The last `dimension % 8` columns are scored with one whole vector ending at the row's end,
/// against a query vector whose lanes for columns already counted are zero. A NaN score that
/// this could make (an infinite value times zero) is offered like any NaN, and re-scored.
enum BlockScan {
    /// Rows at most this long are scored column by column, eight rows together, so that one load of
    /// the query serves eight rows; eight such rows are one short stretch of memory. Longer rows are
    /// scored one after another: eight rows a kilobyte apart, read together, are eight streams, which
    /// measured slower than one.
    static let interleavedRowBytes = 256
    /// Blocks of eight rows at most this long are prefetched about `prefetchBytes` ahead (whole
    /// blocks, at least one). Longer rows keep the hardware prefetcher on track by themselves, and
    /// prefetching their blocks measured slower.
    static let prefetchedBlockBytes = 4096
    static let prefetchBytes = 2048

    /// The candidates of all `rowCount` rows, scanned as `threads` contiguous slices (one
    /// thread each): one `CandidateTopK` per slice, for `CandidateTopK.exactTop` to merge.
    /// With a `subset`, only its rows are offered: the candidates of a search among them.
    static func candidates<Format: RowFormat>(
        _ format: Format.Type, base: UnsafeRawPointer, rowCount: Int, dimension: Int, threads: Int,
        query: UnsafePointer<Float>, k: Int, tolerance: Float, excluding: Set<Int>, subset: RowSet? = nil
    ) -> [CandidateTopK] {
        let parts = RowPartition.ranges(count: rowCount, parts: threads)
        var partial = [CandidateTopK](repeating: CandidateTopK(k: k, tolerance: tolerance), count: parts.count)
        partial.withUnsafeMutableBufferPointer { results in
            let results = results
            RowPartition.run(parts: parts.count) { part in
                scan(format, base: base, dimension: dimension, rows: parts[part],
                     query: query, excluding: excluding, subset: subset, into: &results[part])
            }
        }
        return partial
    }

    /// Offers every row of `rows` whose approximate score `candidates` admits, unless excluded
    /// or outside `subset`. Only admitted rows are looked up: few, once the cutoff has risen.
    @inline(__always)
    static func scan<Format: RowFormat>(
        _ format: Format.Type, base: UnsafeRawPointer, dimension: Int, rows: Range<Int>,
        query: UnsafePointer<Float>, excluding: Set<Int>, subset: RowSet? = nil, into candidates: inout CandidateTopK
    ) {
        func offered(_ row: Int) -> Bool {
            (subset?.contains(row) ?? true) && !excluding.contains(row)
        }
        let rowBytes = dimension * Format.valueSize
        let blockBytes = 8 * rowBytes
        let interleaved = rowBytes <= interleavedRowBytes
        let prefetchDistance = blockBytes <= prefetchedBlockBytes ? max(1, prefetchBytes / blockBytes) * blockBytes : 0
        let q = UnsafeRawPointer(query)
        var row = rows.lowerBound
        // Blocks need at least one whole vector per row; narrower rows are all scored one by one below.
        if dimension >= 8 {
            let tail = queryTail(query, dimension: dimension)
            while row + 8 <= rows.upperBound {
                let first = base + row * rowBytes
                if prefetchDistance > 0 { prefetch(first + prefetchDistance, byteCount: blockBytes) }
                let scores = interleaved
                    ? columnwiseScores8(format, first, rowBytes: rowBytes, dimension: dimension, query: q, queryTail: tail)
                    : rowwiseScores8(format, first, rowBytes: rowBytes, dimension: dimension, query: q, queryTail: tail)
                // NaN compares false, so a NaN score is offered (and ranks last), as in the plain scan.
                let below = scores .< SIMD8<Float>(repeating: candidates.cutoff)
                if !all(below) {
                    for lane in 0..<8 where candidates.admits(scores[lane]) && offered(row + lane) {
                        candidates.offer(index: row + lane, score: scores[lane])
                    }
                }
                row += 8
            }
        }
        while row < rows.upperBound {
            let start = base + row * rowBytes
            var score: Float = 0
            for column in 0..<dimension {
                score += Format.load1(start, byteOffset: column * Format.valueSize) * query[column]
            }
            if candidates.admits(score) && offered(row) { candidates.offer(index: row, score: score) }
            row += 1
        }
    }

    /// Prefetches every cache line of `byteCount` bytes at `start` (non-temporal: each is read once).
    @inline(__always)
    static func prefetch(_ start: UnsafeRawPointer, byteCount: Int) {
        var offset = 0
        while offset < byteCount {
            glimpse_prefetch_stream(start + offset)
            offset += 64
        }
    }

    /// The query's last eight values, with the lanes of the columns that whole vectors from the
    /// row's start already cover set to zero (all eight lanes zero when `dimension` is a multiple of 8).
    @inline(__always)
    static func queryTail(_ query: UnsafePointer<Float>, dimension: Int) -> SIMD8<Float> {
        var tail = SIMD8<Float>()
        if dimension % 8 != 0 {
            for lane in (8 - dimension % 8)..<8 { tail[lane] = query[dimension - 8 + lane] }
        }
        return tail
    }

    /// The scores of the eight rows at `r0`, `rowBytes` apart, eight columns of all eight rows per step.
    @inline(__always)
    static func columnwiseScores8<Format: RowFormat>(
        _ format: Format.Type, _ r0: UnsafeRawPointer, rowBytes: Int, dimension: Int,
        query: UnsafeRawPointer, queryTail: SIMD8<Float>
    ) -> SIMD8<Float> {
        let r1 = r0 + rowBytes, r2 = r0 + 2 * rowBytes, r3 = r0 + 3 * rowBytes, r4 = r0 + 4 * rowBytes
        let r5 = r0 + 5 * rowBytes, r6 = r0 + 6 * rowBytes, r7 = r0 + 7 * rowBytes
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        var s4 = SIMD8<Float>(), s5 = SIMD8<Float>(), s6 = SIMD8<Float>(), s7 = SIMD8<Float>()
        var column = 0
        while column + 8 <= dimension {
            let q = query.loadUnaligned(fromByteOffset: column * 4, as: SIMD8<Float>.self)
            let offset = column * Format.valueSize
            s0.addProduct(Format.load8(r0, byteOffset: offset), q)
            s1.addProduct(Format.load8(r1, byteOffset: offset), q)
            s2.addProduct(Format.load8(r2, byteOffset: offset), q)
            s3.addProduct(Format.load8(r3, byteOffset: offset), q)
            s4.addProduct(Format.load8(r4, byteOffset: offset), q)
            s5.addProduct(Format.load8(r5, byteOffset: offset), q)
            s6.addProduct(Format.load8(r6, byteOffset: offset), q)
            s7.addProduct(Format.load8(r7, byteOffset: offset), q)
            column += 8
        }
        if column < dimension {
            let offset = (dimension - 8) * Format.valueSize
            s0.addProduct(Format.load8(r0, byteOffset: offset), queryTail)
            s1.addProduct(Format.load8(r1, byteOffset: offset), queryTail)
            s2.addProduct(Format.load8(r2, byteOffset: offset), queryTail)
            s3.addProduct(Format.load8(r3, byteOffset: offset), queryTail)
            s4.addProduct(Format.load8(r4, byteOffset: offset), queryTail)
            s5.addProduct(Format.load8(r5, byteOffset: offset), queryTail)
            s6.addProduct(Format.load8(r6, byteOffset: offset), queryTail)
            s7.addProduct(Format.load8(r7, byteOffset: offset), queryTail)
        }
        return laneSums(s0, s1, s2, s3, s4, s5, s6, s7)
    }

    /// The scores of the eight rows at `r0`, `rowBytes` apart, one row after another (memory in order).
    @inline(__always)
    static func rowwiseScores8<Format: RowFormat>(
        _ format: Format.Type, _ r0: UnsafeRawPointer, rowBytes: Int, dimension: Int,
        query: UnsafeRawPointer, queryTail: SIMD8<Float>
    ) -> SIMD8<Float> {
        let vectorColumns = dimension & ~7
        let s0 = rowSums(format, r0, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s1 = rowSums(format, r0 + rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s2 = rowSums(format, r0 + 2 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s3 = rowSums(format, r0 + 3 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s4 = rowSums(format, r0 + 4 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s5 = rowSums(format, r0 + 5 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s6 = rowSums(format, r0 + 6 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        let s7 = rowSums(format, r0 + 7 * rowBytes, dimension: dimension, vectorColumns: vectorColumns, query: query, queryTail: queryTail)
        return laneSums(s0, s1, s2, s3, s4, s5, s6, s7)
    }

    /// The eight lane-wise partial sums of one row's products, the last `dimension % 8` columns included.
    @inline(__always)
    static func rowSums<Format: RowFormat>(
        _ format: Format.Type, _ row: UnsafeRawPointer, dimension: Int, vectorColumns: Int,
        query: UnsafeRawPointer, queryTail: SIMD8<Float>
    ) -> SIMD8<Float> {
        var sum = partialSums(format, row, vectorColumns: vectorColumns, query: query)
        if vectorColumns < dimension {
            sum.addProduct(Format.load8(row, byteOffset: (dimension - 8) * Format.valueSize), queryTail)
        }
        return sum
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

    /// Lane i of the result is the sum of the eight lanes of the i-th argument.
    @inline(__always)
    static func laneSums(
        _ s0: SIMD8<Float>, _ s1: SIMD8<Float>, _ s2: SIMD8<Float>, _ s3: SIMD8<Float>,
        _ s4: SIMD8<Float>, _ s5: SIMD8<Float>, _ s6: SIMD8<Float>, _ s7: SIMD8<Float>
    ) -> SIMD8<Float> {
        let s01 = pairSums(s0, s1), s23 = pairSums(s2, s3), s45 = pairSums(s4, s5), s67 = pairSums(s6, s7)
        return pairSums(pairSums(s01, s23), pairSums(s45, s67))
    }

    /// Adds neighbouring lanes of `a` and of `b`: (a0+a1, a2+a3, a4+a5, a6+a7, b0+b1, ..., b6+b7).
    ///
    /// Applied three times to eight vectors it leaves each vector's total in its own lane.
    @inline(__always)
    static func pairSums(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(lowHalf: a.evenHalf, highHalf: b.evenHalf) + SIMD8(lowHalf: a.oddHalf, highHalf: b.oddHalf)
    }
}
