/// Image metadata read straight from the space file: record offsets plus length-prefixed strings.
///
/// Each record is `file`, `title`, then a tag count and the tags; every string is a
/// UInt32 byte length followed by UTF-8. Decoding happens per record, when asked.
struct ImageRecordTable: @unchecked Sendable {
    let count: Int
    private let storage: ByteStorage
    private let offsets: UnsafeRawPointer
    private let bytes: UnsafeRawPointer

    /// A view of sections that `validate` has accepted.
    init(storage: ByteStorage, count: Int, offsets: Int, bytes: Int) {
        self.storage = storage
        self.count = count
        self.offsets = storage.base + offsets
        self.bytes = storage.base + bytes
    }

    subscript(index: Int) -> ImageRecord {
        precondition(index >= 0 && index < count, "image \(index) out of range 0..<\(count)")
        var position = Int(UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        func string() -> String {
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            let start = (bytes + position + 4).assumingMemoryBound(to: UInt8.self)
            position += 4 + length
            return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        }
        let file = string()
        let title = string()
        let tagCount = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
        position += 4
        var tags: [String] = []
        tags.reserveCapacity(tagCount)
        for _ in 0..<tagCount { tags.append(string()) }
        return ImageRecord(file: file, title: title, tags: tags)
    }

    /// Encoded size of one record.
    static func encodedSize(_ record: ImageRecord) -> Int {
        12 + record.file.utf8.count + record.title.utf8.count + record.tags.reduce(0) { $0 + 4 + $1.utf8.count }
    }

    /// Writes all records and their offsets (count + 1 UInt64).
    static func write(_ records: [ImageRecord], offsets: UnsafeMutableRawPointer, bytes: UnsafeMutableRawPointer) {
        var position = 0
        func put(_ string: String) {
            bytes.storeBytes(of: UInt32(string.utf8.count).littleEndian, toByteOffset: position, as: UInt32.self)
            position += 4
            for byte in string.utf8 {
                bytes.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
        for (i, record) in records.enumerated() {
            offsets.storeBytes(of: UInt64(position).littleEndian, toByteOffset: i * 8, as: UInt64.self)
            put(record.file)
            put(record.title)
            bytes.storeBytes(of: UInt32(record.tags.count).littleEndian, toByteOffset: position, as: UInt32.self)
            position += 4
            for tag in record.tags { put(tag) }
        }
        offsets.storeBytes(of: UInt64(position).littleEndian, toByteOffset: records.count * 8, as: UInt64.self)
    }

    /// Checks that every record lies inside its slice and every length fits, so `subscript` never reads outside.
    static func validate(count: Int, offsets: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer, path: String) throws(SpaceFileError) {
        func malformed(_ kind: SectionKind, _ detail: String) -> SpaceFileError {
            SpaceFileError(path: path, problem: .malformed(what: "section '\(kind)'", detail: detail))
        }
        guard offsets.count == (count + 1) * 8 else {
            throw malformed(.imageRecordOffsets, "\(offsets.count) bytes, expected \((count + 1) * 8) for \(count) images")
        }
        func offset(_ i: Int) -> UInt64 { UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
        guard offset(0) == 0, offset(count) == UInt64(bytes.count) else {
            throw malformed(.imageRecordOffsets, "offsets must run from 0 to the \(bytes.count) record bytes")
        }
        for i in 0..<count {
            let start = offset(i)
            let end = offset(i + 1)
            guard start <= end, end <= UInt64(bytes.count) else {
                throw malformed(.imageRecordOffsets, "record \(i) spans bytes \(start)..<\(end) of \(bytes.count)")
            }
            var position = Int(start)
            let limit = Int(end)
            func skip(_ what: String) throws(SpaceFileError) -> UInt32 {
                guard limit - position >= 4 else { throw malformed(.imageRecords, "record \(i): \(what) runs past the record") }
                let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                position += 4
                return value
            }
            func skipString(_ what: String) throws(SpaceFileError) {
                let length = Int(try skip(what))
                guard limit - position >= length else { throw malformed(.imageRecords, "record \(i): \(what) runs past the record") }
                position += length
            }
            try skipString("file")
            try skipString("title")
            let tags = try skip("tag count")
            for _ in 0..<tags { try skipString("a tag") }
            guard position == limit else { throw malformed(.imageRecords, "record \(i) has \(limit - position) stray bytes") }
        }
    }
}
