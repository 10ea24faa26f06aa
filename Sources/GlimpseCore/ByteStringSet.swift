/// A growing set of byte strings that remembers insertion order, for duplicate checks over hundreds of thousands of words.
///
/// Strings are copied into one buffer and found through an open-addressing table keyed by
/// xxHash64, so an insertion costs no allocation of its own (a `Set<[UInt8]>` costs one per word).
struct ByteStringSet {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int

    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    var count: Int { offsets.count - 1 }

    /// Inserts `key` unless present; returns the insertion index of the equal string already there, else nil.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = key.count == 0 ? XXHash64.hash([]) : XXHash64.hash(UnsafeRawPointer(key.baseAddress!), count: key.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let existing = Int(slots[slot]) - 1
            if equals(existing, key) { return existing }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(count + 1)
        bytes.append(contentsOf: key)
        offsets.append(bytes.count)
        if count * 2 > slots.count { grow() }
        return nil
    }

    /// Inserts the UTF-8 bytes of `string`; see `insert(_:)`.
    mutating func insert(_ string: String) -> Int? {
        var string = string
        return string.withUTF8 { insert($0) }
    }

    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[index]
        let end = offsets[index + 1]
        guard end - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for i in 0..<key.count where stored[start + i] != key[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        bytes.withUnsafeBufferPointer { stored in
            for index in 0..<count {
                let start = offsets[index]
                let length = offsets[index + 1] - start
                let hash = length == 0 ? XXHash64.hash([]) : XXHash64.hash(UnsafeRawPointer(stored.baseAddress! + start), count: length)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        }
    }
}
