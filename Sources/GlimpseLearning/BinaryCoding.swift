/// Little-endian byte writing and bounds-checked reading for the learnt artefacts.
///
/// Heads and splits are stored inside the space file, so their encodings are fixed
/// little-endian layouts that a reader checks field by field: malformed bytes must
/// give an error, never a trap or a huge allocation.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ v: UInt8) { bytes.append(v) }
    mutating func append(_ v: UInt16) { for s in stride(from: 0, to: 16, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt16(s))) } }
    mutating func append(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
    mutating func append(_ v: UInt64) { for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) } }
    mutating func append(_ v: Float) { append(v.bitPattern) }
    mutating func append(_ a: [Float]) {
        bytes.reserveCapacity(bytes.count + 4 * a.count)
        for v in a { append(v.bitPattern) }
    }
    mutating func append(bytes b: [UInt8]) { bytes.append(contentsOf: b) }
}

struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0
    let what: String

    init(_ bytes: [UInt8], what: String) {
        self.bytes = bytes
        self.what = what
    }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int, _ field: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw LearningError.corrupt("\(what): truncated at \(field) (offset \(offset), need \(n), have \(remaining))")
        }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func uint8(_ field: String) throws -> UInt8 { try take(1, field).first! }
    mutating func uint16(_ field: String) throws -> UInt16 {
        try take(2, field).reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }
    mutating func uint32(_ field: String) throws -> UInt32 {
        try take(4, field).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func uint64(_ field: String) throws -> UInt64 {
        try take(8, field).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    /// A count that must fit what is left (each element at least `elementSize` bytes).
    mutating func count(_ field: String, elementSize: Int, limit: Int = 1 << 28) throws -> Int {
        let n = Int(try uint32(field))
        guard n <= limit, n * max(elementSize, 0) <= remaining else {
            throw LearningError.corrupt("\(what): \(field) = \(n) does not fit the \(remaining) bytes left")
        }
        return n
    }
    mutating func floats(_ n: Int, _ field: String) throws -> [Float] {
        guard n >= 0, n <= remaining / 4 else {
            throw LearningError.corrupt("\(what): \(field) needs \(n) floats, \(remaining) bytes left")
        }
        let slice = try take(4 * n, field)
        var out = [Float](repeating: 0, count: n)
        slice.withUnsafeBytes { raw in
            for i in 0..<n { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        }
        return out
    }
}

/// FNV-1a (32 bit): a cheap checksum so a flipped byte is reported, not silently used.
func fnv1a32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var h: UInt32 = 0x811C_9DC5
    for b in bytes { h = (h ^ UInt32(b)) &* 0x0100_0193 }
    return h
}
