import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct SpaceFileTests {
    @Test func roundTripKeepsEverything() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let space = try sampleSpace()
        let path = folder.file("sample.glimpse")
        try space.write(to: path)
        let opened = try Space.open(path: path)
        #expect(opened.dimension == space.dimension)
        #expect(opened.wordCount == space.wordCount && opened.imageCount == space.imageCount)
        #expect((0..<space.wordCount).map { opened.words[$0] } == (0..<space.wordCount).map { space.words[$0] })
        #expect(opened.wordVectors.values == space.wordVectors.values)
        #expect(opened.imageVectors.values == space.imageVectors.values)
        #expect((0..<space.imageCount).map(opened.image(at:)) == (0..<space.imageCount).map(space.image(at:)))
        #expect(opened.info.model == "test-model" && opened.info.source == "unit tests")
        #expect(opened.info.path == path && opened.info.formatVersion == 1)
        #expect(opened.info.checksum.count == 16)
        #expect(opened.words.index(of: "w3é") == 3)
        #expect(opened.withFileBytes { Array($0) } == bytes(of: path))
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try sampleSpace(seed: 9).write(to: folder.file("a.glimpse"))
        try sampleSpace(seed: 9).write(to: folder.file("b.glimpse"))
        #expect(bytes(of: folder.file("a.glimpse")) == bytes(of: folder.file("b.glimpse")))
        // Re-writing an opened space copies it byte for byte.
        try Space.open(path: folder.file("a.glimpse")).write(to: folder.file("c.glimpse"))
        #expect(bytes(of: folder.file("a.glimpse")) == bytes(of: folder.file("c.glimpse")))
    }

    @Test func sectionsAreAlignedAndVectorsNotCopied() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("s.glimpse")
        try sampleSpace().write(to: path)
        let space = try Space.open(path: path)
        space.withFileBytes { file in
            let wordOffset = UnsafeRawPointer(space.wordVectors.base) - file.baseAddress!
            let imageOffset = UnsafeRawPointer(space.imageVectors.base) - file.baseAddress!
            #expect(wordOffset % 64 == 0 && imageOffset % 64 == 0)
            #expect(wordOffset > 0 && wordOffset < file.count)
        }
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("s.glimpse")
        try sampleSpace(seed: 1).write(to: path)
        try sampleSpace(seed: 2).write(to: path)  // replaces
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["s.glimpse"])
        #expect(try Space.open(path: path).wordVectors.values == sampleSpace(seed: 2).wordVectors.values)
    }

    @Test func writeIntoMissingFolderIsAnError() throws {
        let space = try sampleSpace()
        #expect(throws: SpaceFileError.self) { try space.write(to: "/nonexistent-folder-glimpse/x.glimpse") }
    }

    @Test func openErrorsNameTheFile() {
        do {
            _ = try Space.open(path: "/nonexistent/demo.glimpse")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/demo.glimpse: cannot open: "))
        }
    }

    @Test func notASpaceFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("x.glimpse", "word 0.1 0.2\n")
        #expect(throws: SpaceFileError(path: path, problem: .notASpaceFile)) { try Space.open(path: path) }
        let empty = try folder.write("empty.glimpse", "")
        #expect(throws: SpaceFileError(path: empty, problem: .notASpaceFile)) { try Space.open(path: empty) }
    }

    /// Every truncation of a valid file is an error, never a crash.
    @Test func everyTruncationIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try sampleSpace(wordCount: 30, imageCount: 5, dimension: 3).withFileBytes { Array($0) }
        let path = folder.file("t.glimpse")
        var cuts = Array(0..<min(original.count, 300))
        cuts += stride(from: 300, to: original.count, by: 7)
        for cut in cuts {
            _ = try folder.write("t.glimpse", bytes: Array(original[0..<cut]))
            #expect(throws: SpaceFileError.self, "cut at \(cut)") { try Space.open(path: path) }
        }
    }

    @Test func truncationMessageNamesTheSection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try sampleSpace(wordCount: 300, imageCount: 2, dimension: 50).withFileBytes { Array($0) }
        let path = try folder.write("demo.glimpse", bytes: Array(original[0..<4096]))
        do {
            _ = try Space.open(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("demo.glimpse: truncated: section 'word vectors' ends at byte"))
            #expect(error.description.hasSuffix("but the file has 4096 bytes"))
        }
    }

    /// Flipping any byte of any section, the header or the table is detected.
    @Test func everyFlippedByteIsDetected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try sampleSpace(wordCount: 12, imageCount: 3, dimension: 3).withFileBytes { Array($0) }
        let path = folder.file("f.glimpse")
        let (entries, _) = try sectionEntries(original)
        var positions = Array(0..<(64 + entries.count * 32))
        for entry in entries where entry.length > 0 {
            let start = Int(entry.offset)
            let end = start + Int(entry.length)
            positions += Array(stride(from: start, to: end, by: max(1, Int(entry.length) / 40))) + [end - 1]
        }
        for position in positions {
            for flip: UInt8 in [0x01, 0x80] {
                var corrupted = original
                corrupted[position] ^= flip
                _ = try folder.write("f.glimpse", bytes: corrupted)
                #expect(throws: SpaceFileError.self, "byte \(position) ^ \(flip)") { try Space.open(path: path) }
            }
        }
    }

    @Test func paddingBytesAreNotCheckedButHarmless() throws {
        // Padding between sections is outside every checksum; changing it must not break opening.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data = try sampleSpace().withFileBytes { Array($0) }
        let (entries, _) = try sectionEntries(data)
        let infoEnd = Int(entries[0].offset + entries[0].length)
        if infoEnd % 64 != 0 { data[infoEnd] = 0xFF }
        let path = try folder.write("p.glimpse", bytes: data)
        #expect(try Space.open(path: path).wordCount == 40)
    }

    @Test func newerMajorVersionIsRefusedWithAClearMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data = try sampleSpace().withFileBytes { Array($0) }
        data[8] = 2  // major version 2
        resealHeader(&data)
        let path = try folder.write("v2.glimpse", bytes: data)
        do {
            _ = try Space.open(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == .unsupportedVersion(major: 2, minor: 0, supportedMajor: 1))
            #expect(error.description.contains("format version 2.0 is newer than this glimpse understands"))
        }
    }

    @Test func unknownOptionalSectionIsSkippedAndRequiredOneRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var sections = SpaceFileEncoder.sections(
            words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: [], imageVectors: [], dimension: 2, model: "m", source: "s")
        sections.insert(SpaceFileEncoder.Section(kind: SectionKind(rawValue: 99), length: 10) { $0.initializeMemory(as: UInt8.self, repeating: 7, count: 10) }, at: 1)
        let newer = SpaceFileEncoder.encode(sections: sections, dimension: 2)
        var data = withExtendedLifetime(newer) { Array(newer.bytes) }
        data[10] = 5  // minor version 5: a newer writer that only added sections
        resealHeader(&data)
        let path = try folder.write("newer.glimpse", bytes: data)
        let space = try Space.open(path: path)
        #expect(space.words.index(of: "b") == 1)

        // Mark the unknown section required: now the reader must refuse.
        data[64 + 32 + 4] = 1
        resealHeader(&data)
        _ = try folder.write("newer.glimpse", bytes: data)
        #expect(throws: SpaceFileError(path: path, problem: .unknownRequiredSection(99))) { try Space.open(path: path) }
    }

    /// Random headers and section tables, resealed so they get past the checksums, never crash the reader.
    @Test func randomTablesWithValidChecksumsNeverCrash() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("r.glimpse")
        let valid = try sampleSpace(wordCount: 6, imageCount: 2, dimension: 2).withFileBytes { Array($0) }
        let (entries, _) = try sectionEntries(valid)
        var random = SplitMix64(seed: 99)
        var opened = 0
        for trial in 0..<300 {
            var data = valid
            let size = data.count
            // Perturb one entry's kind, flags, offset or length to a nearby or wild value.
            let entryStart = 64 + Int.random(in: 0..<entries.count, using: &random) * 32
            let field = [0, 4, 8, 16].randomElement(using: &random)!
            let wild: [UInt64] = [0, 1, 63, 64, UInt64(size), UInt64(size - 64), UInt64.max, UInt64.max - 63, 1 << 40]
            let value = trial % 2 == 0 ? wild.randomElement(using: &random)! : UInt64.random(in: 0...UInt64(size + 128), using: &random)
            if field < 8 {
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { data.replaceSubrange((entryStart + field)..<(entryStart + field + 4), with: $0) }
            } else {
                withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange((entryStart + field)..<(entryStart + field + 8), with: $0) }
            }
            if trial % 3 == 0 {
                // Also a wild dimension or section count in the header.
                let headerField = [16, 40].randomElement(using: &random)!
                let width = headerField == 16 ? 4 : 8
                let bytes = withUnsafeBytes(of: wild.randomElement(using: &random)!.littleEndian) { Array($0.prefix(width)) }
                data.replaceSubrange(headerField..<(headerField + width), with: bytes)
            }
            if (try? sealedSectionsFit(data)) == true { resealSections(&data) } else { resealHeader(&data) }
            _ = try folder.write("r.glimpse", bytes: data)
            if let space = try? Space.open(path: path) {
                opened += 1
                for i in 0..<space.wordCount { _ = space.words.index(of: space.words[i]) }
                for i in 0..<space.imageCount { _ = space.image(at: i) }
                _ = space.words.words(withPrefix: "w", limit: 10)
            }
        }
        #expect(opened < 300)
    }

    @Test func craftedFilesWithValidChecksumsAreStillChecked() throws {
        // A file whose checksums are right but whose content lies must still not be used unchecked.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = try sampleSpace(wordCount: 10, imageCount: 2, dimension: 2).withFileBytes { Array($0) }
        let (entries, _) = try sectionEntries(original)
        var random = SplitMix64(seed: 42)
        for entry in entries where entry.length > 0 {
            for _ in 0..<25 {
                var data = original
                let position = Int(entry.offset) + Int.random(in: 0..<Int(entry.length), using: &random)
                data[position] = UInt8.random(in: 0...255, using: &random)
                resealSections(&data)
                let path = try folder.write("c.glimpse", bytes: data)
                // Either an error or a space whose every access stays in bounds.
                if let space = try? Space.open(path: path) {
                    for i in 0..<space.wordCount { _ = space.words[i]; _ = space.words.index(of: space.words[i]) }
                    for i in 0..<space.imageCount { _ = space.image(at: i) }
                    _ = space.words.suggestions(for: "w1")
                    _ = space.words.words(withPrefix: "w", limit: 100)
                    _ = ExactSearch(space.wordVectors).nearest(to: [1, 0], k: 3)
                }
            }
        }
        // Offsets that run backwards are caught by name.
        var data = original
        let offsets = entries.first { $0.kind == .wordOffsets }!
        data[Int(offsets.offset) + 8] = 0xFF
        resealSections(&data)
        let path = try folder.write("c.glimpse", bytes: data)
        #expect(throws: SpaceFileError.self) { try Space.open(path: path) }
    }
}

/// The section table of a file (trusted: tests only read files they made).
func sectionEntries(_ data: [UInt8]) throws -> ([SectionEntry], Int) {
    data.withUnsafeBytes { raw in
        let header = SpaceFileHeader(at: raw.baseAddress!)
        let entries = (0..<Int(header.sectionCount)).map { SectionEntry(at: raw.baseAddress! + Int(header.sectionTableOffset) + $0 * 32) }
        return (entries, Int(header.sectionTableOffset))
    }
}

/// Whether every section in the table lies inside the file, so `resealSections` may hash it.
func sealedSectionsFit(_ data: [UInt8]) throws -> Bool {
    guard data.count >= 64 else { return false }
    let header = data.withUnsafeBytes { SpaceFileHeader(at: $0.baseAddress!) }
    guard header.sectionCount <= 64, Int(header.sectionTableOffset) + Int(header.sectionCount) * 32 <= data.count else { return false }
    let (entries, _) = try sectionEntries(data)
    return entries.allSatisfy { $0.offset <= UInt64(data.count) && $0.length <= UInt64(data.count) - $0.offset }
}

/// Recomputes the header checksum after a test edits the header or the table.
func resealHeader(_ data: inout [UInt8]) {
    data.withUnsafeMutableBytes { raw in
        let base = raw.baseAddress!
        var header = SpaceFileHeader(at: base)
        let tableLength = Int(header.sectionCount) * 32
        guard Int(header.sectionTableOffset) + tableLength <= raw.count else { return }
        header.checksum = SpaceFileHeader.checksum(header: base, table: base + Int(header.sectionTableOffset), tableLength: tableLength)
        header.write(to: base)
    }
}

/// Recomputes every section checksum and the header checksum, as a malicious writer would.
func resealSections(_ data: inout [UInt8]) {
    data.withUnsafeMutableBytes { raw in
        let base = raw.baseAddress!
        let header = SpaceFileHeader(at: base)
        for i in 0..<Int(header.sectionCount) {
            let at = base + Int(header.sectionTableOffset) + i * 32
            var entry = SectionEntry(at: at)
            entry.checksum = XXHash64.hash(base + Int(entry.offset), count: Int(entry.length))
            entry.write(to: at)
        }
    }
    resealHeader(&data)
}
