#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The words of a space, in frequency-rank order (index 0 is the most frequent word).
///
/// Everything is read straight from the space file's sections: word strings (offsets +
/// UTF-8 bytes), a hash table for exact lookup and a sorted permutation for prefix
/// completion, so opening a 400,000-word space parses nothing.
public struct Vocabulary: @unchecked Sendable {
    public let count: Int
    private let storage: ByteStorage
    private let offsets: UnsafePointer<UInt64>
    private let bytes: UnsafePointer<UInt8>
    private let table: UnsafePointer<UInt32>
    private let tableMask: Int
    private let sorted: UnsafePointer<UInt32>

    /// A view of validated sections; `VocabularyTables.validate` has checked every offset and index.
    init(storage: ByteStorage, count: Int, offsets: Int, bytes: Int, table: Int, tableCount: Int, sorted: Int) {
        self.storage = storage
        self.count = count
        self.offsets = (storage.base + offsets).assumingMemoryBound(to: UInt64.self)
        self.bytes = (storage.base + bytes).assumingMemoryBound(to: UInt8.self)
        self.table = (storage.base + table).assumingMemoryBound(to: UInt32.self)
        self.tableMask = tableCount - 1
        self.sorted = (storage.base + sorted).assumingMemoryBound(to: UInt32.self)
    }

    /// The word at `index` (0-based frequency rank).
    public subscript(index: Int) -> String {
        precondition(index >= 0 && index < count, "word index \(index) out of range 0..<\(count)")
        return String(decoding: utf8(index), as: UTF8.self)
    }

    /// The UTF-8 bytes of word `index`, straight from the file.
    @inline(__always)
    func utf8(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(UInt64(littleEndian: offsets[index]))
        let end = Int(UInt64(littleEndian: offsets[index + 1]))
        return UnsafeBufferPointer(start: bytes + start, count: end - start)
    }

    /// The index of `word` (exact, case-sensitive match), or nil. O(1): one hash, a short probe.
    public func index(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { index(ofUTF8: $0) }
    }

    private func index(ofUTF8 key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard count > 0 else { return nil }
        let hash = key.baseAddress.map { XXHash64.hash(UnsafeRawPointer($0), count: key.count) } ?? XXHash64.hash(UnsafeRawBufferPointer(start: nil, count: 0))
        var slot = Int(truncatingIfNeeded: hash) & tableMask
        // Bounded by the table size so a crafted table with no empty slot cannot loop forever.
        for _ in 0...tableMask {
            let entry = Int(UInt32(littleEndian: table[slot]))
            if entry == 0 { return nil }
            let candidate = entry - 1
            if candidate < count {
                let stored = utf8(candidate)
                if stored.count == key.count && (key.count == 0 || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0) {
                    return candidate
                }
            }
            slot = (slot + 1) & tableMask
        }
        return nil
    }

    /// Up to `limit` words closest to `word` by optimal-string-alignment (Damerau) edit distance.
    ///
    /// Distance is over UTF-8 bytes with ASCII letters compared case-insensitively, so
    /// "King" suggests "king" first. Only words within `maxDistance` (default: 1 for words
    /// of up to 4 bytes, else 2) qualify. They are ranked like a noisy channel: a word's
    /// cost is `distance * typoCost + ln(index + 2)`, since word frequency falls roughly
    /// as 1/rank (Zipf) and each typo is taken to be as unlikely as a word 100 times
    /// rarer. So "beahc" suggests "beach" and then the common "each" (two edits) before
    /// the rare "beah" (one edit). Equal costs go to the more frequent word.
    public func suggestions(for word: String, limit: Int = 3, maxDistance: Int? = nil) -> [String] {
        guard limit > 0, count > 0 else { return [] }
        let query = Array(word.utf8).map(Self.foldASCII)
        let bound = maxDistance ?? (query.count <= 4 ? 1 : 2)
        guard bound >= 0 else { return [] }
        let distance = BoundedEditDistance(query: query)
        var best: [(cost: Double, index: Int)] = []  // sorted by cost, then index
        for index in 0..<count {
            var limitDistance = bound
            if best.count == limit {
                // A later word must cost strictly less than the worst kept one; its
                // frequency term only grows, so once no distance fits, none ever will.
                let room = (best[limit - 1].cost - log(Double(index) + 2)) / Self.typoCost
                limitDistance = min(bound, Int(room.rounded(.up)) - 1)
                if limitDistance < 0 { break }
            }
            let d = distance.distance(to: utf8(index), bound: limitDistance)
            guard d <= limitDistance else { continue }
            let cost = Self.suggestionCost(distance: d, index: index)
            let position = best.firstIndex { $0.cost > cost } ?? best.count
            best.insert((cost, index), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map { self[$0.index] }
    }

    /// Whether two words are within `limit` edits by the distance suggestions use
    /// (optimal string alignment over UTF-8, ASCII letters folded), for suggesting
    /// names that are not in the vocabulary, such as variables.
    public static func areClose(_ a: String, _ b: String, within limit: Int) -> Bool {
        let distance = BoundedEditDistance(query: Array(a.utf8).map(foldASCII))
        var word = Array(b.utf8).map(foldASCII)
        return word.withUnsafeMutableBufferPointer { distance.distance(to: UnsafeBufferPointer($0), bound: limit) <= limit }
    }

    /// How much one edit costs against frequency: ln 100.
    public static let typoCost = log(100.0)

    /// The ranking cost of a word at `index` that is `distance` edits from the query.
    public static func suggestionCost(distance: Int, index: Int) -> Double {
        Double(distance) * typoCost + log(Double(index) + 2)
    }

    /// Up to `limit` words starting with `prefix` (byte-wise), in byte-wise sorted order.
    public func words(withPrefix prefix: String, limit: Int) -> [String] {
        guard limit > 0, count > 0 else { return [] }
        var prefix = prefix
        return prefix.withUTF8 { key -> [String] in
            // Lower bound: the first sorted word not less than the prefix.
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if Self.compare(utf8(sortedIndex(mid)), key) < 0 { low = mid + 1 } else { high = mid }
            }
            var result: [String] = []
            var position = low
            while position < count, result.count < limit {
                let index = sortedIndex(position)
                let candidate = utf8(index)
                guard candidate.count >= key.count,
                    key.count == 0 || memcmp(candidate.baseAddress!, key.baseAddress!, key.count) == 0
                else { break }
                result.append(self[index])
                position += 1
            }
            return result
        }
    }

    @inline(__always)
    private func sortedIndex(_ position: Int) -> Int {
        Int(UInt32(littleEndian: sorted[position]))
    }

    /// Byte-wise comparison: negative, zero or positive, like memcmp with shorter-is-smaller.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, common)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
