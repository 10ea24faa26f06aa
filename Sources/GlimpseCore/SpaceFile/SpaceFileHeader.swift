#if _endian(big)
#error("space files are little-endian and used straight from memory; big-endian hosts are not supported")
#endif

/// The fixed 64-byte start of a space file. See SpaceFileFormat.md.
struct SpaceFileHeader: Equatable {
    static let size = 64
    static let magic: [UInt8] = [0x89, 0x47, 0x4C, 0x49, 0x4D, 0x50, 0x53, 0x45]  // "\x89GLIMPSE"
    /// Major version: a reader refuses a newer one. Minor: only adds sections, so a reader accepts a newer one.
    static let currentMajor: UInt16 = 1
    static let currentMinor: UInt16 = 0
    /// The minor version of a file with half-precision sections (kinds 13 and 14); without them a writer still writes 1.0.
    static let halfPrecisionMinor: UInt16 = 1
    /// The minor version of a file with the images' file facts (kind 17).
    static let fileFactsMinor: UInt16 = 2
    /// The minor version of a file with the images' numbers (kind 18).
    static let imageNumbersMinor: UInt16 = 3

    /// The minor version a writer gives a file with these sections: the oldest that has them all.
    static func minor(for kinds: [SectionKind]) -> UInt16 {
        if kinds.contains(.imageNumbers) { return imageNumbersMinor }
        if kinds.contains(.imageFileFacts) { return fileFactsMinor }
        if kinds.contains(.halfWordVectors) || kinds.contains(.halfImageVectors) { return halfPrecisionMinor }
        return currentMinor
    }
    /// Every section starts at a multiple of this, so float rows can be used straight from the mapping.
    static let alignment = 64
    /// A sanity bound that keeps table arithmetic far from overflow.
    static let maximumSectionCount = 4096

    var major: UInt16
    var minor: UInt16
    var headerSize: UInt32
    var sectionCount: UInt32
    var flags: UInt32
    var sectionTableOffset: UInt64
    var fileLength: UInt64
    var dimension: UInt64
    /// xxHash64 of the section table, seeded with xxHash64 of header bytes 0..<56.
    var checksum: UInt64

    init(major: UInt16, minor: UInt16, headerSize: UInt32, sectionCount: UInt32, flags: UInt32,
         sectionTableOffset: UInt64, fileLength: UInt64, dimension: UInt64, checksum: UInt64) {
        self.major = major
        self.minor = minor
        self.headerSize = headerSize
        self.sectionCount = sectionCount
        self.flags = flags
        self.sectionTableOffset = sectionTableOffset
        self.fileLength = fileLength
        self.dimension = dimension
        self.checksum = checksum
    }

    /// Reads a header from at least `size` bytes at `pointer`; the magic is checked by the caller.
    init(at p: UnsafeRawPointer) {
        major = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        minor = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 10, as: UInt16.self))
        headerSize = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        sectionCount = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        flags = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
        sectionTableOffset = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        fileLength = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        dimension = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
        checksum = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
    }

    func write(to p: UnsafeMutableRawPointer) {
        for (i, byte) in Self.magic.enumerated() { p.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
        p.storeBytes(of: major.littleEndian, toByteOffset: 8, as: UInt16.self)
        p.storeBytes(of: minor.littleEndian, toByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: headerSize.littleEndian, toByteOffset: 12, as: UInt32.self)
        p.storeBytes(of: sectionCount.littleEndian, toByteOffset: 16, as: UInt32.self)
        p.storeBytes(of: flags.littleEndian, toByteOffset: 20, as: UInt32.self)
        p.storeBytes(of: sectionTableOffset.littleEndian, toByteOffset: 24, as: UInt64.self)
        p.storeBytes(of: fileLength.littleEndian, toByteOffset: 32, as: UInt64.self)
        p.storeBytes(of: dimension.littleEndian, toByteOffset: 40, as: UInt64.self)
        p.storeBytes(of: UInt64(0), toByteOffset: 48, as: UInt64.self)
        p.storeBytes(of: checksum.littleEndian, toByteOffset: 56, as: UInt64.self)
    }

    /// The file checksum: covers header bytes 0..<56 and the section table (which holds every section's checksum).
    static func checksum(header: UnsafeRawPointer, table: UnsafeRawPointer, tableLength: Int) -> UInt64 {
        let headerHash = XXHash64.hash(header, count: 56)
        return XXHash64.hash(table, count: tableLength, seed: headerHash)
    }

    static func alignUp(_ value: Int) -> Int {
        (value + alignment - 1) / alignment * alignment
    }
}
