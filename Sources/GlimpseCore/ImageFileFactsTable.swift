/// The file facts of every image, read in place from a space file's `imageFileFacts` section:
/// one column per fact, so a filter on dates reads only the dates. See SpaceFileFormat.md.
public struct ImageFileFactsTable: @unchecked Sendable {
    public let count: Int
    /// The camera names the rows refer to, in the order the section lists them.
    public let cameras: [String]
    private let storage: ByteStorage
    private let base: UnsafeRawPointer

    static let version: UInt32 = 1
    static let headerSize = 8
    /// Bytes per image across the six columns.
    static let rowBytes = 8 + 8 + 8 + 4 + 4 + 4
    static let unknownSize = UInt64.max
    static let unknownTime = Int64.min

    /// A view of a section that `validate` has accepted.
    init(storage: ByteStorage, count: Int, offset: Int, cameras: [String]) {
        self.storage = storage
        self.count = count
        self.base = storage.base + offset
        self.cameras = cameras
    }

    /// The facts of image `row` (0-based).
    public subscript(row: Int) -> ImageFileFacts {
        ImageFileFacts(byteSize: byteSize(at: row), pixelWidth: pixelWidth(at: row), pixelHeight: pixelHeight(at: row),
                       modified: modified(at: row), taken: taken(at: row), camera: camera(at: row))
    }

    public func byteSize(at row: Int) -> Int? {
        let value = uint64(column: 0, row)
        return value == Self.unknownSize ? nil : Int(value)
    }

    public func modified(at row: Int) -> Int64? {
        let value = Int64(bitPattern: uint64(column: 1, row))
        return value == Self.unknownTime ? nil : value
    }

    public func taken(at row: Int) -> Int64? {
        let value = Int64(bitPattern: uint64(column: 2, row))
        return value == Self.unknownTime ? nil : value
    }

    public func pixelWidth(at row: Int) -> Int? {
        let value = uint32(column: 0, row)
        return value == 0 ? nil : Int(value)
    }

    public func pixelHeight(at row: Int) -> Int? {
        let value = uint32(column: 1, row)
        return value == 0 ? nil : Int(value)
    }

    /// The index into `cameras` of image `row`'s camera, or nil when unknown.
    public func cameraIndex(at row: Int) -> Int? {
        let value = uint32(column: 2, row)
        return value == 0 ? nil : Int(value) - 1
    }

    public func camera(at row: Int) -> String? {
        cameraIndex(at: row).map { cameras[$0] }
    }

    private func uint64(column: Int, _ row: Int) -> UInt64 {
        precondition(row >= 0 && row < count, "image \(row) out of range 0..<\(count)")
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: Self.headerSize + (column * count + row) * 8, as: UInt64.self))
    }

    private func uint32(column: Int, _ row: Int) -> UInt32 {
        precondition(row >= 0 && row < count, "image \(row) out of range 0..<\(count)")
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: Self.headerSize + 24 * count + (column * count + row) * 4, as: UInt32.self))
    }

    // MARK: - Encoding

    /// The camera names in order of first use, and each row's reference (0 unknown, else 1 + index).
    static func cameraTable(_ facts: [ImageFileFacts]) -> (names: [String], references: [UInt32]) {
        var names: [String] = []
        var index: [String: UInt32] = [:]
        let references = facts.map { fact -> UInt32 in
            guard let camera = fact.camera else { return 0 }
            if let known = index[camera] { return known }
            names.append(camera)
            index[camera] = UInt32(names.count)
            return UInt32(names.count)
        }
        return (names, references)
    }

    static func encodedSize(_ facts: [ImageFileFacts]) -> Int {
        headerSize + rowBytes * facts.count + cameraTable(facts).names.reduce(0) { $0 + 4 + $1.utf8.count }
    }

    /// Writes the whole section for `facts` (one per image, in row order) at `destination`.
    static func write(_ facts: [ImageFileFacts], to destination: UnsafeMutableRawPointer) {
        let n = facts.count
        let (names, references) = cameraTable(facts)
        destination.storeBytes(of: version.littleEndian, toByteOffset: 0, as: UInt32.self)
        destination.storeBytes(of: UInt32(names.count).littleEndian, toByteOffset: 4, as: UInt32.self)
        func put64(_ value: UInt64, column: Int, row: Int) {
            destination.storeBytes(of: value.littleEndian, toByteOffset: headerSize + (column * n + row) * 8, as: UInt64.self)
        }
        func put32(_ value: UInt32, column: Int, row: Int) {
            destination.storeBytes(of: value.littleEndian, toByteOffset: headerSize + 24 * n + (column * n + row) * 4, as: UInt32.self)
        }
        for (row, fact) in facts.enumerated() {
            put64(fact.byteSize.map(UInt64.init) ?? unknownSize, column: 0, row: row)
            put64(UInt64(bitPattern: fact.modified ?? unknownTime), column: 1, row: row)
            put64(UInt64(bitPattern: fact.taken ?? unknownTime), column: 2, row: row)
            put32(UInt32(fact.pixelWidth ?? 0), column: 0, row: row)
            put32(UInt32(fact.pixelHeight ?? 0), column: 1, row: row)
            put32(references[row], column: 2, row: row)
        }
        var position = headerSize + rowBytes * n
        for name in names {
            destination.storeBytes(of: UInt32(name.utf8.count).littleEndian, toByteOffset: position, as: UInt32.self)
            position += 4
            for byte in name.utf8 {
                destination.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
    }

    /// Why `facts` cannot be stored, if they cannot: a value outside what the section can hold.
    static func problem(in facts: [ImageFileFacts]) -> String? {
        for (row, fact) in facts.enumerated() {
            if let size = fact.byteSize, size < 0 { return "image \(row): byte size \(size) is negative" }
            for (name, value) in [("pixel width", fact.pixelWidth), ("pixel height", fact.pixelHeight)] {
                if let value, value < 1 || value > Int(UInt32.max) { return "image \(row): \(name) \(value) is not in 1...\(UInt32.max)" }
            }
            if fact.modified == unknownTime || fact.taken == unknownTime { return "image \(row): a time of \(Int64.min) seconds" }
        }
        return nil
    }

    // MARK: - Decoding

    /// Checks a section for `count` images and reads its camera names; every later access stays inside it.
    static func validate(_ section: UnsafeRawBufferPointer, count: Int, path: String) throws(SpaceFileError) -> [String] {
        func malformed(_ detail: String) -> SpaceFileError {
            SpaceFileError(path: path, problem: .malformed(what: "section '\(SectionKind.imageFileFacts)'", detail: detail))
        }
        guard section.count >= headerSize + rowBytes * count else {
            throw malformed("\(section.count) bytes, less than the \(headerSize + rowBytes * count) of \(count) images")
        }
        let version = UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        guard version == Self.version else { throw malformed("version \(version); this glimpse reads version \(Self.version)") }
        let cameraCount = Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        var position = headerSize + rowBytes * count
        var names: [String] = []
        for i in 0..<cameraCount {
            guard section.count - position >= 4 else { throw malformed("camera name \(i) runs past the section") }
            let length = Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            position += 4
            guard section.count - position >= length else { throw malformed("camera name \(i) runs past the section") }
            names.append(String(decoding: UnsafeRawBufferPointer(rebasing: section[position..<(position + length)]), as: UTF8.self))
            position += length
        }
        guard position == section.count else { throw malformed("\(section.count - position) stray bytes after the camera names") }
        let cameraColumn = headerSize + 24 * count + 8 * count
        for row in 0..<count {
            let reference = UInt32(littleEndian: section.loadUnaligned(fromByteOffset: cameraColumn + row * 4, as: UInt32.self))
            guard reference <= UInt32(cameraCount) else { throw malformed("image \(row) names camera \(reference) of \(cameraCount)") }
            let size = UInt64(littleEndian: section.loadUnaligned(fromByteOffset: headerSize + row * 8, as: UInt64.self))
            guard size <= UInt64(Int64.max) || size == unknownSize else { throw malformed("image \(row) has a byte size of \(size)") }
        }
        return names
    }
}
