import Testing
@testable import GlimpseCore

/// Section checksums verified several sections at once report what one-by-one verification would.
struct SectionChecksumsTests {
    @Test func sharesHoldEveryIndexOnceLargestSpreadFirst() {
        #expect(SectionChecksums.shares(lengths: [30, 200, 80, 5, 40], parts: 2) == [[1], [2, 4, 0, 3]])
        #expect(SectionChecksums.shares(lengths: [7, 7, 7], parts: 5).count == 3)
        #expect(SectionChecksums.shares(lengths: [], parts: 2) == [[]])
        for parts in 1...4 {
            let lengths = (0..<13).map { ($0 * 37) % 11 }
            #expect(SectionChecksums.shares(lengths: lengths, parts: parts).flatMap { $0 }.sorted() == Array(0..<13))
        }
    }

    @Test(arguments: [1, 2, 3])
    func firstMismatchIsTheFirstInTableOrder(threads: Int) {
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!
            let spans = [(0, 1000), (1024, 2048), (3072, 64), (3200, 0)]
            let entries = spans.enumerated().map { i, span in
                SectionEntry(
                    kind: SectionKind(rawValue: UInt32(i + 1)), flags: 0, offset: UInt64(span.0), length: UInt64(span.1),
                    checksum: XXHash64.hash(base + span.0, count: span.1))
            }
            #expect(SectionChecksums.firstMismatch(entries, base: base, threads: threads) == nil)
            var damaged = entries
            damaged[2].checksum ^= 1
            damaged[1].checksum ^= 4
            let mismatch = SectionChecksums.firstMismatch(damaged, base: base, threads: threads)
            #expect(mismatch?.entry == damaged[1])
            #expect(mismatch?.actual == entries[1].checksum)
        }
    }
}
