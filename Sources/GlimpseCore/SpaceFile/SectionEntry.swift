/// One row of the section table: where a section lies and what its bytes hash to.
struct SectionEntry: Sendable, Equatable {
    /// The on-disk size of one entry.
    static let size = 32
    /// Flag bit: a reader that does not know this kind must refuse the file.
    static let requiredFlag: UInt32 = 1

    var kind: SectionKind
    var flags: UInt32
    var offset: UInt64
    var length: UInt64
    var checksum: UInt64

    var isRequired: Bool { flags & Self.requiredFlag != 0 }

    /// Reads an entry at `pointer` (little-endian).
    init(at pointer: UnsafeRawPointer) {
        kind = SectionKind(rawValue: UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        flags = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        offset = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        length = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        checksum = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    init(kind: SectionKind, flags: UInt32, offset: UInt64, length: UInt64, checksum: UInt64) {
        self.kind = kind
        self.flags = flags
        self.offset = offset
        self.length = length
        self.checksum = checksum
    }

    /// Writes the entry at `pointer` (little-endian).
    func write(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: kind.rawValue.littleEndian, toByteOffset: 0, as: UInt32.self)
        pointer.storeBytes(of: flags.littleEndian, toByteOffset: 4, as: UInt32.self)
        pointer.storeBytes(of: offset.littleEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: length.littleEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: checksum.littleEndian, toByteOffset: 24, as: UInt64.self)
    }
}
