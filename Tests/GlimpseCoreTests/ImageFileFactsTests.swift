import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// The images' file facts live in their own section (kind 17): written with the space, read back
/// in place, absent from spaces without them.
struct ImageFileFactsTests {
    static let facts = [
        ImageFileFacts(byteSize: 2_345_678, pixelWidth: 4000, pixelHeight: 3000, modified: 1_560_000_000,
                       taken: 1_559_347_200, camera: "Canon EOS 5D"),
        ImageFileFacts(byteSize: 0, pixelWidth: 1, pixelHeight: 1, modified: -86_400, taken: nil, camera: nil),
        ImageFileFacts(),
        ImageFileFacts(byteSize: Int(Int64.max), pixelWidth: Int(UInt32.max), pixelHeight: 7, modified: Int64.max,
                       taken: Int64.min + 1, camera: "Nikon D750 ☀"),
        ImageFileFacts(byteSize: 17, camera: "Canon EOS 5D"),
    ]

    static func space(facts: [ImageFileFacts]?, storage: VectorStorage = .float32) throws -> Space {
        let images = (0..<5).map { ImageRecord(file: "2019/06/\($0).jpg", title: "photo \($0)") }
        return try Space(words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: images,
                         imageVectors: (0..<10).map { Float($0 % 3) + 1 }, dimension: 2, model: "m", source: "s",
                         vectorStorage: storage, imageFileFacts: facts)
    }

    @Test func factsSurviveWriteAndOpen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let built = try Self.space(facts: Self.facts)
        let table = try #require(built.imageFileFacts)
        #expect((0..<5).map { table[$0] } == Self.facts)
        #expect(table.cameras == ["Canon EOS 5D", "Nikon D750 ☀"])
        try built.write(to: folder.file("s.glimpse"))
        let opened = try Space.open(path: folder.file("s.glimpse"))
        let read = try #require(opened.imageFileFacts)
        #expect((0..<5).map { read[$0] } == Self.facts)
        #expect(read.taken(at: 0) == 1_559_347_200 && read.byteSize(at: 2) == nil && read.cameraIndex(at: 4) == 0)
        // Everything else is as without facts.
        #expect((0..<5).map(opened.image(at:)) == (0..<5).map(built.image(at:)))
    }

    @Test func spacesWithoutTheSectionHaveNoFacts() throws {
        #expect(try Self.space(facts: nil).imageFileFacts == nil)
        #expect(try sampleSpace().imageFileFacts == nil)
    }

    /// New data in a new section: a file without facts keeps its bytes (format 1.0), one with
    /// them says 1.2, and the facts section is not flagged required, so older readers skip it.
    @Test func theSectionIsOptionalAndBumpsTheMinorVersion() throws {
        let plain = try Self.space(facts: nil).withFileBytes { Array($0) }
        #expect(plain[10] == 0)
        let withFacts = try Self.space(facts: Self.facts).withFileBytes { Array($0) }
        #expect(withFacts[10] == 2 && withFacts[8] == 1)
        #expect(try Self.space(facts: Self.facts, storage: .float16).withFileBytes { $0[10] } == 2)
        let entries = (0..<Int(withFacts[16])).map { i in withFacts.withUnsafeBytes { SectionEntry(at: $0.baseAddress! + 64 + i * 32) } }
        let facts = try #require(entries.first { $0.kind == .imageFileFacts })
        #expect(!facts.isRequired)
    }

    @Test func factsMustMatchTheImages() {
        #expect(throws: SpaceError.invalidImageFileFacts("4 records for 5 images")) { try Self.space(facts: Array(Self.facts.prefix(4))) }
        var negative = Self.facts
        negative[2].byteSize = -1
        #expect(throws: SpaceError.self) { try Self.space(facts: negative) }
        var noWidth = Self.facts
        noWidth[2].pixelWidth = 0
        #expect(throws: SpaceError.self) { try Self.space(facts: noWidth) }
    }

    @Test func aMalformedSectionIsRefused() throws {
        let bytes = try Self.space(facts: Self.facts).withFileBytes { Array($0) }
        let section = try #require(bytes.withUnsafeBytes { file in
            (0..<Int(bytes[16])).map { SectionEntry(at: file.baseAddress! + 64 + $0 * 32) }.first { $0.kind == .imageFileFacts }
        })
        var damaged = Array(bytes[Int(section.offset)..<Int(section.offset + section.length)])
        // A camera reference past the two names.
        let cameraColumn = 8 + 36 * 5 - 4 * 5
        damaged[cameraColumn] = 9
        #expect(!Self.validates(damaged, count: 5))
        #expect(!Self.validates(Array(bytes[Int(section.offset)..<Int(section.offset + 40)]), count: 5))
        #expect(Self.validates(Array(bytes[Int(section.offset)..<Int(section.offset + section.length)]), count: 5))
        #expect(!Self.validates(Array(bytes[Int(section.offset)..<Int(section.offset + section.length)]) + [0], count: 5))
    }

    static func validates(_ section: [UInt8], count: Int) -> Bool {
        section.withUnsafeBytes { bytes in
            do {
                _ = try ImageFileFactsTable.validate(bytes, count: count, path: "x")
                return true
            } catch {
                return false
            }
        }
    }
}

struct CollectionRowsTests {
    static func space(info: String?) throws -> Space {
        let images = (0..<5).map { ImageRecord(file: "\($0).png") }
        return try Space(words: ["a"], wordVectors: [1, 0], images: images, imageVectors: (0..<10).map { Float($0) + 1 },
                         dimension: 2, model: "m", source: "s",
                         attachments: info.map { [.imageModelInfo: Array($0.utf8)] } ?? [:])
    }

    @Test func collectionsComeFromTheImageModelInfo() throws {
        let info = #"{"collections":[{"count":3,"name":"openclipart-fit","namedImages":false},{"count":2,"name":"emoji","namedImages":true}],"encoder":"x"}"#
        #expect(try Self.space(info: info).imageCollections == [
            CollectionRows(name: "openclipart-fit", rows: 0..<3), CollectionRows(name: "emoji", rows: 3..<5),
        ])
    }

    @Test(arguments: [nil, "not json", #"{"collections":[{"count":3,"name":"a"}]}"#, #"{"collections":[{"count":9,"name":"a"}]}"#])
    func noCollectionsUnlessTheyCoverTheImages(_ info: String?) throws {
        #expect(try Self.space(info: info).imageCollections == nil)
    }
}

struct GlobTests {
    @Test(arguments: [
        ("2019/*", "2019/06", true), ("2019/*", "2019/06/beach", true), ("2019/*", "photos/2019/06", false),
        ("*2019*", "photos/2019/06", true), ("*.png", "a/b.png", true), ("*.png", "a/b.png.txt", false),
        ("?at", "cat", true), ("?at", "at", false), ("c*t", "ct", true), ("c*t", "cart", true), ("c*t", "carts", false),
        ("", "", true), ("", "a", false), ("*", "", true), ("**a**", "bab", true), ("a\\*", "a*", true), ("a\\*", "ab", false),
        ("caf?", "café", true), ("Hen", "hen", false), ("*a*b*c", "aXbXbYc", true), ("*a*b*c", "aXbXbYcZ", false),
    ] as [(String, String, Bool)])
    func globsMatchWholeTexts(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }
}

struct ImageTextIndexTests {
    @Test func indexesAgreeWithReadingEveryRecord() throws {
        var random = SplitMix64(seed: 3)
        let tags = ["sun", "sea", "dog", "Sun", "café", ""]
        let records = (0..<300).map { row in
            ImageRecord(file: ["a/b/\(row).png", "\(row).jpg", "a/\(row % 7).png", "c/b/x.png"][row % 4],
                        title: ["Hen", "hen", "dog face", ""][Int.random(in: 0..<4, using: &random)],
                        tags: (0..<Int.random(in: 0...4, using: &random)).map { _ in tags.randomElement(using: &random)! })
        }
        for field in ImageTextIndex.Field.allCases {
            let index = ImageTextIndex(field, rowCount: records.count) { records[$0] }
            func values(_ record: ImageRecord) -> [String] {
                switch field {
                case .tag: record.tags
                case .title: [record.title]
                case .file: [record.file]
                case .folder: [ImageTextIndex.folder(of: record.file)]
                }
            }
            for value in tags + ["Hen", "a/b", "a", "", "3.jpg", "nothing"] {
                #expect(index.rows(equalTo: value).rows == records.indices.filter { values(records[$0]).contains(value) }, "\(field) = \(value)")
            }
            for pattern in ["*", "a/*", "?e?", "*.png", "s*"] {
                let glob = Glob(pattern)
                #expect(index.rows(where: glob.matches).rows == records.indices.filter { values(records[$0]).contains(where: glob.matches) },
                        "\(field) ~ \(pattern)")
            }
        }
        #expect(ImageTextIndex.folder(of: "x.png") == "" && ImageTextIndex.folder(of: "a/b/x.png") == "a/b")
    }
}
