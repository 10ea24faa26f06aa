/// Builds and checks the four vocabulary sections: word offsets, word bytes, hash table, sorted permutation.
enum VocabularyTables {
    /// Hash table slots for `count` words: a power of two at least twice the count, so probes stay short
    /// and there is always an empty slot to stop at.
    static func hashTableCapacity(wordCount: Int) -> Int {
        var capacity = 8
        while capacity < wordCount * 2 { capacity *= 2 }
        return capacity
    }

    /// Total UTF-8 bytes of `words`.
    static func byteCount(_ words: [String]) -> Int {
        words.reduce(0) { $0 + $1.utf8.count }
    }

    /// Writes the offsets (count + 1 UInt64) and the bytes of `words`.
    static func writeStrings(_ words: [String], offsets: UnsafeMutableRawPointer, bytes: UnsafeMutableRawPointer) {
        var position = 0
        for (i, word) in words.enumerated() {
            offsets.storeBytes(of: UInt64(position).littleEndian, toByteOffset: i * 8, as: UInt64.self)
            for byte in word.utf8 {
                bytes.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
        offsets.storeBytes(of: UInt64(position).littleEndian, toByteOffset: words.count * 8, as: UInt64.self)
    }

    /// Writes the hash table of word indices + 1 (0 marks an empty slot), linear probing from xxHash64.
    static func writeHashTable(_ words: [String], into table: UnsafeMutableRawPointer, capacity: Int) {
        let mask = capacity - 1
        let slots = table.bindMemory(to: UInt32.self, capacity: capacity)
        for (i, word) in words.enumerated() {
            var slot = Int(truncatingIfNeeded: XXHash64.hash(word)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(i + 1).littleEndian
        }
    }

    /// Writes word indices sorted by the words' UTF-8 bytes (ties cannot occur: words are distinct).
    /// Reads the words from the already written offsets and bytes sections, so no String is touched.
    static func writeSortedPermutation(count: Int, offsets: UnsafeRawPointer, bytes: UnsafeRawPointer, into destination: UnsafeMutableRawPointer) {
        func word(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let start = Int(UInt64(littleEndian: offsets.load(fromByteOffset: i * 8, as: UInt64.self)))
            let end = Int(UInt64(littleEndian: offsets.load(fromByteOffset: i * 8 + 8, as: UInt64.self)))
            return UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self) + start, count: end - start)
        }
        var order = Array(0..<count)
        order.sort { Vocabulary.compare(word($0), word($1)) < 0 }
        for (position, index) in order.enumerated() {
            destination.storeBytes(of: UInt32(index).littleEndian, toByteOffset: position * 4, as: UInt32.self)
        }
    }

    /// Checks what lookups rely on: offsets start at 0, never decrease, end at the byte count;
    /// the hash table is a power of two with room; every sorted entry names a word.
    static func validate(
        wordCount: Int, offsets: UnsafeRawBufferPointer, bytesLength: Int,
        tableLength: Int, sorted: UnsafeRawBufferPointer, path: String
    ) throws(SpaceFileError) {
        func malformed(_ kind: SectionKind, _ detail: String) -> SpaceFileError {
            SpaceFileError(path: path, problem: .malformed(what: "section '\(kind)'", detail: detail))
        }
        guard offsets.count == (wordCount + 1) * 8 else {
            throw malformed(.wordOffsets, "\(offsets.count) bytes, expected \((wordCount + 1) * 8) for \(wordCount) words")
        }
        var previous: UInt64 = 0
        for i in 0...wordCount {
            let value = UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            if i == 0 && value != 0 { throw malformed(.wordOffsets, "first offset is \(value), not 0") }
            if value < previous { throw malformed(.wordOffsets, "offset \(i) decreases") }
            if value > UInt64(bytesLength) {
                throw malformed(.wordOffsets, "offset \(i) is \(value), past the \(bytesLength) string bytes")
            }
            previous = value
        }
        guard previous == UInt64(bytesLength) else {
            throw malformed(.wordOffsets, "last offset is \(previous), expected \(bytesLength)")
        }
        guard tableLength % 4 == 0 else { throw malformed(.wordHashTable, "length \(tableLength) is not a multiple of 4") }
        let slots = tableLength / 4
        guard slots > 0, slots & (slots - 1) == 0, slots > wordCount else {
            throw malformed(.wordHashTable, "\(slots) slots is not a power of two above the \(wordCount) words")
        }
        guard sorted.count == wordCount * 4 else {
            throw malformed(.sortedWords, "\(sorted.count) bytes, expected \(wordCount * 4)")
        }
        for i in 0..<wordCount {
            let index = UInt32(littleEndian: sorted.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            if Int(index) >= wordCount { throw malformed(.sortedWords, "entry \(i) is \(index), past \(wordCount) words") }
        }
    }
}
