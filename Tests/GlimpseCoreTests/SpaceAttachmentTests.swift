import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct SpaceAttachmentTests {
    private func space(attachments: [SectionKind: [UInt8]]) throws -> Space {
        try Space(words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: [ImageRecord(file: "x.png", title: "x", tags: [])],
                  imageVectors: [1, 1], dimension: 2, model: "m", source: "s", attachments: attachments)
    }

    @Test func attachmentsSurviveWriteAndOpen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model: [UInt8] = Array("head v1".utf8) + [0, 255, 7]
        let built = try space(attachments: [.imageModel: model, .imageSplit: [2]])
        #expect(built.attachment(.imageModel) == model)
        try built.write(to: folder.file("s.glimpse"))
        let opened = try Space.open(path: folder.file("s.glimpse"))
        #expect(opened.attachment(.imageModel) == model)
        #expect(opened.attachment(.imageSplit) == [2])
    }

    @Test func spacesWithoutAttachmentsHaveNone() throws {
        let plain = try space(attachments: [:])
        #expect(plain.attachment(.imageModel) == nil)
        #expect(plain.attachment(.imageSplit) == nil)
    }

    @Test func unknownKindsAreNotWritten() throws {
        let other = SectionKind(rawValue: 99)
        let built = try space(attachments: [other: [1, 2, 3]])
        #expect(built.attachment(other) == nil)
    }

    @Test func aDamagedAttachmentIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let built = try space(attachments: [.imageModel: Array(repeating: 7, count: 100)])
        var bytes = built.withFileBytes { Array($0) }
        // The attachment is the last section: flip a byte inside it.
        bytes[bytes.count - 90] ^= 0x40
        let path = try folder.write("damaged.glimpse", bytes: bytes)
        #expect(throws: SpaceFileError.self) { try Space.open(path: path) }
    }
}
