/// Verifies the checksums of a space file's sections, several sections at once.
///
/// One section's xxHash64 is a sequential computation, but sections are independent: the
/// sections are dealt out to the threads, largest first, each to the thread with the fewest
/// bytes so far, so that the image vectors (most of a big file) hash while the other sections do.
enum SectionChecksums {
    /// The first of `entries`, in their order, whose bytes at `base` do not hash to its checksum, with the hash found.
    static func firstMismatch(
        _ entries: [SectionEntry], base: UnsafeRawPointer, threads: Int = RowPartition.defaultThreads
    ) -> (entry: SectionEntry, actual: UInt64)? {
        let shares = shares(lengths: entries.map { Int($0.length) }, parts: threads)
        var hashes = [UInt64](repeating: 0, count: entries.count)
        hashes.withUnsafeMutableBufferPointer { results in
            let results = results
            RowPartition.run(parts: shares.count) { part in
                for i in shares[part] {
                    results[i] = XXHash64.hash(base + Int(entries[i].offset), count: Int(entries[i].length))
                }
            }
        }
        for (entry, actual) in zip(entries, hashes) where actual != entry.checksum { return (entry, actual) }
        return nil
    }

    /// Indices of `lengths` dealt into at most `parts` groups of similar total length (largest first, each to the lightest group).
    static func shares(lengths: [Int], parts: Int) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: max(1, min(parts, lengths.count)))
        var totals = [Int](repeating: 0, count: groups.count)
        for i in lengths.indices.sorted(by: { lengths[$0] > lengths[$1] }) {
            let lightest = totals.indices.min { totals[$0] < totals[$1] }!
            groups[lightest].append(i)
            totals[lightest] += lengths[i]
        }
        return groups
    }
}
