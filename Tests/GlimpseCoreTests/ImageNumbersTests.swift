import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Image numbers live in their own section (kind 18): an indexed space's `IMG_n` are not its
/// rows; a space without the section numbers row r as `IMG_(r+1)`.
struct ImageNumbersTests {
    static let numbers = ImageNumbers(numbers: [1, 2, 4, 7], retired: [.init(number: 3, file: "/p/c.jpg"), .init(number: 5, file: "/p/é ☀.png"),
                                                                        .init(number: 6, file: "")])

    static func space(numbers: ImageNumbers?) throws -> Space {
        let images = (0..<4).map { ImageRecord(file: "/p/\($0).jpg") }
        return try Space(words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: images,
                         imageVectors: (0..<8).map { Float($0 % 3) + 1 }, dimension: 2, model: "m", source: "s", imageNumbers: numbers)
    }

    @Test func numbersSurviveWriteAndOpen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.space(numbers: Self.numbers).write(to: folder.file("s.glimpse"))
        let opened = try Space.open(path: folder.file("s.glimpse"))
        #expect(opened.imageNumbers == Self.numbers)
        #expect((0..<4).map(opened.imageID(row:)) == ["IMG_1", "IMG_2", "IMG_4", "IMG_7"])
        #expect([1, 2, 3, 4, 5, 6, 7, 8].map(opened.imageRow(number:)) == [0, 1, nil, 2, nil, nil, 3, nil])
        #expect(opened.retiredImageFile(number: 5) == "/p/é ☀.png" && opened.retiredImageFile(number: 4) == nil)
        #expect(opened.imageNumberRange == 1...7 && Self.numbers.next == 8)
    }

    @Test func withoutTheSectionNumbersAreRows() throws {
        let space = try Self.space(numbers: nil)
        #expect(space.imageNumbers == nil)
        #expect((0..<4).map(space.imageID(row:)) == ["IMG_1", "IMG_2", "IMG_3", "IMG_4"])
        #expect([0, 1, 4, 5].map(space.imageRow(number:)) == [nil, 0, 3, nil])
        #expect(space.imageNumberRange == 1...4)
    }

    @Test func theSectionIsOptionalAndBumpsTheMinorVersion() throws {
        let bytes = try Self.space(numbers: Self.numbers).withFileBytes { Array($0) }
        #expect(bytes[10] == 3 && bytes[8] == 1)
        let entries = (0..<Int(bytes[16])).map { i in bytes.withUnsafeBytes { SectionEntry(at: $0.baseAddress! + 64 + i * 32) } }
        #expect(try #require(entries.first { $0.kind == .imageNumbers }).isRequired == false)
    }

    @Test func numbersMustMatchTheImagesAndBeDistinct() {
        #expect(throws: SpaceError.invalidImageNumbers("3 numbers for 4 images")) { try Self.space(numbers: ImageNumbers(numbers: [1, 2, 3])) }
        #expect(throws: SpaceError.invalidImageNumbers("image number 2 is used twice")) {
            try Self.space(numbers: ImageNumbers(numbers: [1, 2, 3, 4], retired: [.init(number: 2, file: "x")]))
        }
        #expect(throws: SpaceError.invalidImageNumbers("image number 0 is not in 1...2147483647")) {
            try Self.space(numbers: ImageNumbers(numbers: [0, 2, 3, 4]))
        }
    }

    /// A damaged section (valid checksums, as a crafted file has) is refused when the file is opened.
    @Test func aDamagedSectionIsRefused() throws {
        let good = try Self.space(numbers: Self.numbers)
        var bytes = good.withFileBytes { Array($0) }
        let entries = (0..<Int(bytes[16])).map { i in bytes.withUnsafeBytes { SectionEntry(at: $0.baseAddress! + 64 + i * 32) } }
        let index = try #require(entries.firstIndex { $0.kind == .imageNumbers })
        let offset = Int(entries[index].offset)
        bytes[offset + 8 + 4] = 1  // row 1 gets number 1, which row 0 has
        // Re-seal: the section checksum, then the file checksum, so only the content check can catch it.
        var entry = entries[index]
        entry.checksum = bytes.withUnsafeBytes { XXHash64.hash(UnsafeRawPointer($0.baseAddress! + offset), count: Int(entry.length)) }
        bytes.withUnsafeMutableBytes { entry.write(to: $0.baseAddress! + 64 + index * 32) }
        let checksum = bytes.withUnsafeBytes { SpaceFileHeader.checksum(header: $0.baseAddress!, table: $0.baseAddress! + 64, tableLength: entries.count * 32) }
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 56, as: UInt64.self) }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("bad.glimpse")))
        #expect(throws: SpaceFileError.self) { try Space.open(path: folder.file("bad.glimpse")) }
        do {
            _ = try Space.open(path: folder.file("bad.glimpse"))
        } catch {
            #expect("\(error)".contains("image numbers") && "\(error)".contains("used twice"), "\(error)")
        }
    }

    @Test func calendarTimes() {
        #expect(CalendarTime.seconds(exif: "2019:06:01 12:00:00") == 1_559_390_400)
        #expect(CalendarTime.text(1_559_390_400) == "2019-06-01 12:00:00")
        #expect(CalendarTime.seconds(exif: "1969:12:31 23:59:59") == -1 && CalendarTime.text(-1) == "1969-12-31 23:59:59")
        #expect(CalendarTime.seconds(exif: "2000:02:29 00:00:00") != nil && CalendarTime.seconds(exif: "1900:02:29 00:00:00") == nil)
        #expect(CalendarTime.seconds(exif: "    :  :     :  :  ") == nil && CalendarTime.seconds(exif: "2019:13:01 00:00:00") == nil)
        for seconds: Int64 in [0, 951_782_400, 4_102_444_800, -62_135_596_800] {
            let text = CalendarTime.text(seconds)
            #expect(CalendarTime.seconds(exif: text) == seconds, "\(text)")
        }
    }
}
