/// Section 18 of a space file, `image numbers`: each row's `IMG_n` number and the retired
/// numbers with their files. See SpaceFileFormat.md.
enum ImageNumberTable {
    static let version: UInt32 = 1
    static let headerSize = 8

    static func encodedSize(_ numbers: ImageNumbers) -> Int {
        headerSize + 4 * (numbers.numbers.count + numbers.retired.count) + numbers.retired.reduce(0) { $0 + 4 + $1.file.utf8.count }
    }

    static func write(_ numbers: ImageNumbers, to destination: UnsafeMutableRawPointer) {
        var position = 0
        func put(_ value: UInt32) {
            destination.storeBytes(of: value.littleEndian, toByteOffset: position, as: UInt32.self)
            position += 4
        }
        put(version)
        put(UInt32(numbers.retired.count))
        for number in numbers.numbers { put(UInt32(number)) }
        for retired in numbers.retired { put(UInt32(retired.number)) }
        for retired in numbers.retired {
            put(UInt32(retired.file.utf8.count))
            for byte in retired.file.utf8 {
                destination.storeBytes(of: byte, toByteOffset: position, as: UInt8.self)
                position += 1
            }
        }
    }

    /// Reads and checks a section for `count` images: the length, the version, every number
    /// in 1...2^31 - 1 and used once, the file names filling the rest exactly.
    static func decode(_ section: UnsafeRawBufferPointer, count: Int, path: String) throws(SpaceFileError) -> ImageNumbers {
        func malformed(_ detail: String) -> SpaceFileError {
            SpaceFileError(path: path, problem: .malformed(what: "section '\(SectionKind.imageNumbers)'", detail: detail))
        }
        func uint32(_ offset: Int) -> Int {
            Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        guard section.count >= headerSize + 4 * count else {
            throw malformed("\(section.count) bytes, less than the \(headerSize + 4 * count) of \(count) images")
        }
        guard uint32(0) == Int(version) else { throw malformed("version \(uint32(0)); this glimpse reads version \(version)") }
        let retiredCount = uint32(4)
        guard (section.count - headerSize - 4 * count) / 4 >= retiredCount else {
            throw malformed("\(retiredCount) retired numbers run past the section")
        }
        let numbers = (0..<count).map { uint32(headerSize + 4 * $0) }
        var position = headerSize + 4 * count + 4 * retiredCount
        var retired: [ImageNumbers.Retired] = []
        for i in 0..<retiredCount {
            guard section.count - position >= 4 else { throw malformed("retired file \(i) runs past the section") }
            let length = uint32(position)
            position += 4
            guard section.count - position >= length else { throw malformed("retired file \(i) runs past the section") }
            let file = String(decoding: UnsafeRawBufferPointer(rebasing: section[position..<(position + length)]), as: UTF8.self)
            retired.append(ImageNumbers.Retired(number: uint32(headerSize + 4 * count + 4 * i), file: file))
            position += length
        }
        guard position == section.count else { throw malformed("\(section.count - position) stray bytes after the retired files") }
        let decoded = ImageNumbers(numbers: numbers, retired: retired)
        if let problem = decoded.problem { throw malformed(problem) }
        return decoded
    }
}
