/// Lays out a space file in memory: header, section table, then 64-byte-aligned sections.
///
/// The same bytes back a space built in memory and are what `Space.write(to:)` puts on
/// disk, so what a test builds is exactly what a user opens. No timestamps, no
/// uninitialised padding: the same input always gives the same bytes.
enum SpaceFileEncoder {
    /// A section to lay out: its kind, its exact length, and how to fill its bytes.
    struct Section {
        var kind: SectionKind
        var length: Int
        var fill: (UnsafeMutableRawPointer) -> Void
    }

    static func encode(sections: [Section], dimension: Int) -> ByteStorage {
        let tableOffset = SpaceFileHeader.size
        let tableLength = sections.count * SectionEntry.size
        var offset = SpaceFileHeader.alignUp(tableOffset + tableLength)
        var entries: [SectionEntry] = []
        for section in sections {
            entries.append(SectionEntry(kind: section.kind, flags: 0, offset: UInt64(offset), length: UInt64(section.length), checksum: 0))
            offset = SpaceFileHeader.alignUp(offset + section.length)
        }
        let fileLength = offset
        let (storage, base) = ByteStorage.allocate(count: fileLength)  // zero-filled, so padding is deterministic
        for (i, section) in sections.enumerated() { section.fill(base + Int(entries[i].offset)) }
        // Checksums only after every fill: some fills write into a sibling section.
        for i in sections.indices {
            let start = base + Int(entries[i].offset)
            entries[i].checksum = XXHash64.hash(UnsafeRawPointer(start), count: sections[i].length)
            entries[i].write(to: base + tableOffset + i * SectionEntry.size)
        }
        var header = SpaceFileHeader(
            major: SpaceFileHeader.currentMajor,
            minor: SpaceFileHeader.minor(for: sections.map(\.kind)),
            headerSize: UInt32(SpaceFileHeader.size), sectionCount: UInt32(sections.count), flags: 0,
            sectionTableOffset: UInt64(tableOffset), fileLength: UInt64(fileLength),
            dimension: UInt64(dimension), checksum: 0)
        header.write(to: base)
        header.checksum = SpaceFileHeader.checksum(header: base, table: base + tableOffset, tableLength: tableLength)
        header.write(to: base)
        return storage
    }

    /// A section holding `rows` x `dimension` floats from `values`, each row scaled to unit length
    /// (a zero row stays zero).
    static func unitRows(_ kind: SectionKind, _ values: [Float], dimension: Int) -> Section {
        Section(kind: kind, length: values.count * 4) { destination in
            let output = destination.bindMemory(to: Float.self, capacity: values.count)
            values.withUnsafeBufferPointer { input in
                for row in 0..<(values.count / dimension) {
                    let start = row * dimension
                    var sum: Double = 0
                    for j in start..<(start + dimension) { sum += Double(input[j]) * Double(input[j]) }
                    let scale = sum > 0 ? Float(1 / sum.squareRoot()) : 0
                    for j in start..<(start + dimension) { output[j] = input[j] * scale }
                }
            }
        }
    }

    /// A section of half floats rounded from the `count` float32 values that an earlier fill wrote at `source()`.
    static func halfRows(_ kind: SectionKind, count: Int, from source: @escaping () -> UnsafeMutableRawPointer?) -> Section {
        Section(kind: kind, length: count * 2) { destination in
            let input = UnsafeRawPointer(source()!)
            for i in 0..<count {
                destination.storeBytes(of: Float16(input.load(fromByteOffset: i * 4, as: Float.self)), toByteOffset: i * 2, as: Float16.self)
            }
        }
    }

    /// All sections of a space, in file order; `.float16` storage adds half-precision copies of both vector sections.
    static func sections(
        words: [String], wordVectors: [Float], images: [ImageRecord], imageVectors: [Float],
        dimension: Int, model: String, source: String, vectorStorage: VectorStorage = .float32,
        imageFileFacts: [ImageFileFacts]? = nil, imageNumbers: ImageNumbers? = nil, attachments: [SectionKind: [UInt8]] = [:]
    ) -> [Section] {
        let info = SpaceFileInfo(model: model, source: source).encoded()
        let wordBytes = VocabularyTables.byteCount(words)
        let capacity = VocabularyTables.hashTableCapacity(wordCount: words.count)
        let recordBytes = images.reduce(0) { $0 + ImageRecordTable.encodedSize($1) }
        // Fills run in this order: the offsets' fill writes the word bytes too, and the sorted
        // permutation reads both back.
        var stringsStart: UnsafeMutableRawPointer?
        var offsetsStart: UnsafeMutableRawPointer?
        var recordsStart: UnsafeMutableRawPointer?
        var wordRowsStart: UnsafeMutableRawPointer?
        var imageRowsStart: UnsafeMutableRawPointer?
        // The half copies round the unit float32 rows, so they are filled after them and read them back.
        func remembering(_ section: Section, _ start: @escaping (UnsafeMutableRawPointer) -> Void) -> Section {
            Section(kind: section.kind, length: section.length) { p in
                section.fill(p)
                start(p)
            }
        }
        let half: [Section] = vectorStorage == .float16 ? [
            halfRows(.halfWordVectors, count: wordVectors.count) { wordRowsStart },
            halfRows(.halfImageVectors, count: imageVectors.count) { imageRowsStart },
        ] : []
        let facts: [Section] = imageFileFacts.map { facts in
            [Section(kind: .imageFileFacts, length: ImageFileFactsTable.encodedSize(facts)) { p in ImageFileFactsTable.write(facts, to: p) }]
        } ?? []
        let numbers: [Section] = imageNumbers.map { numbers in
            [Section(kind: .imageNumbers, length: ImageNumberTable.encodedSize(numbers)) { p in ImageNumberTable.write(numbers, to: p) }]
        } ?? []
        return [
            Section(kind: .info, length: info.count) { p in p.copyMemory(from: info, byteCount: info.count) },
            remembering(unitRows(.wordVectors, wordVectors, dimension: dimension)) { wordRowsStart = $0 },
            Section(kind: .wordBytes, length: wordBytes) { p in stringsStart = p },
            Section(kind: .wordOffsets, length: (words.count + 1) * 8) { p in
                VocabularyTables.writeStrings(words, offsets: p, bytes: stringsStart!)
                offsetsStart = p
            },
            Section(kind: .wordHashTable, length: capacity * 4) { p in
                VocabularyTables.writeHashTable(words, into: p, capacity: capacity)
            },
            Section(kind: .sortedWords, length: words.count * 4) { p in
                VocabularyTables.writeSortedPermutation(count: words.count, offsets: offsetsStart!, bytes: stringsStart!, into: p)
            },
            remembering(unitRows(.imageVectors, imageVectors, dimension: dimension)) { imageRowsStart = $0 },
            Section(kind: .imageRecords, length: recordBytes) { p in recordsStart = p },
            Section(kind: .imageRecordOffsets, length: (images.count + 1) * 8) { p in
                ImageRecordTable.write(images, offsets: p, bytes: recordsStart!)
            },
        ] + half + facts + numbers + SectionKind.attachments.compactMap { kind in
            attachments[kind].map { bytes in
                Section(kind: kind, length: bytes.count) { p in p.copyMemory(from: bytes, byteCount: bytes.count) }
            }
        }
    }
}
