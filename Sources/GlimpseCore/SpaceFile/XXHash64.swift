/// The 64-bit xxHash of a byte range (Yann Collet's XXH64, seed 0 unless given).
///
/// Used for section and header checksums and for the vocabulary's hash table, so its
/// output is part of the space file format: it must never change.
public enum XXHash64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return finish(seed &+ prime5, length: 0, tail: UnsafeRawPointer(bitPattern: 1)!, tailCount: 0)
        }
        return hash(base, count: bytes.count, seed: seed)
    }

    /// The hash of the bytes of `array`.
    public static func hash(_ array: [UInt8], seed: UInt64 = 0) -> UInt64 {
        array.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The hash of the UTF-8 bytes of `string`.
    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var copy = string
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// The hash of `count` bytes at `base`.
    @inline(__always)
    public static func hash(_ base: UnsafeRawPointer, count: Int, seed: UInt64 = 0) -> UInt64 {
        var p = 0
        var acc: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            let limit = count - 32
            while p <= limit {
                v1 = round(v1, load64(base, p))
                v2 = round(v2, load64(base, p + 8))
                v3 = round(v3, load64(base, p + 16))
                v4 = round(v4, load64(base, p + 24))
                p += 32
            }
            acc = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            acc = merge(acc, v1)
            acc = merge(acc, v2)
            acc = merge(acc, v3)
            acc = merge(acc, v4)
        } else {
            acc = seed &+ prime5
        }
        return finish(acc, length: count, tail: base + p, tailCount: count - p)
    }

    @inline(__always)
    private static func finish(_ start: UInt64, length: Int, tail: UnsafeRawPointer, tailCount: Int) -> UInt64 {
        var acc = start &+ UInt64(length)
        var p = 0
        while p + 8 <= tailCount {
            acc ^= round(0, load64(tail, p))
            acc = rotl(acc, 27) &* prime1 &+ prime4
            p += 8
        }
        if p + 4 <= tailCount {
            acc ^= UInt64(UInt32(littleEndian: tail.loadUnaligned(fromByteOffset: p, as: UInt32.self))) &* prime1
            acc = rotl(acc, 23) &* prime2 &+ prime3
            p += 4
        }
        while p < tailCount {
            acc ^= UInt64(tail.load(fromByteOffset: p, as: UInt8.self)) &* prime5
            acc = rotl(acc, 11) &* prime1
            p += 1
        }
        acc ^= acc >> 33
        acc = acc &* prime2
        acc ^= acc >> 29
        acc = acc &* prime3
        acc ^= acc >> 32
        return acc
    }

    @inline(__always)
    private static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
        (x << r) | (x >> (64 - r))
    }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* prime1 &+ prime4
    }
}
