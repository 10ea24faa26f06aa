/// Checks a space file's bytes and hands out views of its sections.
///
/// Every offset, length and count read from the file is checked before it is used, so
/// no file content can make a later access go out of bounds. Only the header, the
/// section table and the small index sections are read; vectors are hashed, not parsed.
enum SpaceFileDecoder {
    /// What a decoded file provides: views into `storage`, valid as long as it lives.
    struct Decoded {
        var dimension: Int
        var majorVersion: Int
        var checksum: UInt64
        var info: SpaceFileInfo
        var wordVectors: Matrix
        var vocabulary: Vocabulary
        var imageVectors: Matrix
        var images: ImageRecordTable
        /// Optional sections the reader knows, by kind (see `SectionKind.attachments`).
        var attachments: [SectionKind: UnsafeRawBufferPointer]
        /// Half-precision copies of the vectors, when the file has them (`--storage f16`).
        var halfWordVectors: HalfPrecisionMatrix?
        var halfImageVectors: HalfPrecisionMatrix?
        /// The images' file facts, when the file has them.
        var imageFileFacts: ImageFileFactsTable?
        /// The images' numbers, when the file keeps them (an indexed folder).
        var imageNumbers: ImageNumbers?
    }

    static func decode(_ storage: ByteStorage, path: String, verifyChecksums: Bool = true) throws(SpaceFileError) -> Decoded {
        let size = UInt64(storage.count)
        let base = storage.base
        func fail(_ problem: SpaceFileError.Problem) -> SpaceFileError { SpaceFileError(path: path, problem: problem) }

        guard storage.count >= SpaceFileHeader.magic.count,
            SpaceFileHeader.magic.enumerated().allSatisfy({ base.load(fromByteOffset: $0.offset, as: UInt8.self) == $0.element })
        else { throw fail(.notASpaceFile) }
        guard storage.count >= SpaceFileHeader.size else {
            throw fail(.truncated(what: "header", end: UInt64(SpaceFileHeader.size), fileSize: size))
        }
        let header = SpaceFileHeader(at: base)
        guard header.major <= SpaceFileHeader.currentMajor else {
            throw fail(.unsupportedVersion(major: Int(header.major), minor: Int(header.minor), supportedMajor: Int(SpaceFileHeader.currentMajor)))
        }
        guard header.major >= 1 else { throw fail(.malformed(what: "header", detail: "format version \(header.major).\(header.minor)")) }
        guard header.headerSize >= UInt32(SpaceFileHeader.size), UInt64(header.headerSize) <= header.sectionTableOffset else {
            throw fail(.malformed(what: "header", detail: "header size \(header.headerSize) with section table at \(header.sectionTableOffset)"))
        }
        guard header.sectionCount <= UInt32(SpaceFileHeader.maximumSectionCount) else {
            throw fail(.malformed(what: "header", detail: "\(header.sectionCount) sections (at most \(SpaceFileHeader.maximumSectionCount))"))
        }
        let tableLength = Int(header.sectionCount) * SectionEntry.size
        guard header.sectionTableOffset <= size, UInt64(tableLength) <= size - header.sectionTableOffset else {
            throw fail(.truncated(what: "the section table", end: header.sectionTableOffset &+ UInt64(tableLength), fileSize: size))
        }
        let table = base + Int(header.sectionTableOffset)
        let tableChecksum = SpaceFileHeader.checksum(header: base, table: table, tableLength: tableLength)
        guard tableChecksum == header.checksum else {
            throw fail(.checksumMismatch(what: "header and section table", expected: header.checksum, actual: tableChecksum))
        }

        var sections: [SectionKind: SectionEntry] = [:]
        // The sections this reader knows, in table order; their checksums are verified together below.
        var knownEntries: [SectionEntry] = []
        for i in 0..<Int(header.sectionCount) {
            let entry = SectionEntry(at: table + i * SectionEntry.size)
            guard entry.offset <= size, entry.length <= size - entry.offset else {
                throw fail(.truncated(what: "section '\(entry.kind)'", end: entry.offset &+ entry.length, fileSize: size))
            }
            let known = SectionKind.required.contains(entry.kind) || SectionKind.optional.contains(entry.kind)
                || SectionKind.attachments.contains(entry.kind)
            if !known {
                // A newer writer's optional section: skip it. A required one we cannot honour.
                if entry.isRequired { throw fail(.unknownRequiredSection(entry.kind.rawValue)) }
                continue
            }
            guard sections[entry.kind] == nil else {
                throw fail(.malformed(what: "section table", detail: "section '\(entry.kind)' appears twice"))
            }
            guard entry.offset % UInt64(SpaceFileHeader.alignment) == 0 else {
                throw fail(.malformed(what: "section '\(entry.kind)'", detail: "offset \(entry.offset) is not \(SpaceFileHeader.alignment)-byte aligned"))
            }
            sections[entry.kind] = entry
            knownEntries.append(entry)
        }
        if verifyChecksums, let (entry, actual) = SectionChecksums.firstMismatch(knownEntries, base: base) {
            throw fail(.checksumMismatch(what: "section '\(entry.kind)'", expected: entry.checksum, actual: actual))
        }
        guard header.fileLength == size else {
            if header.fileLength > size {
                throw fail(.truncated(what: "the file (by its header)", end: header.fileLength, fileSize: size))
            }
            throw fail(.malformed(what: "header", detail: "records \(header.fileLength) bytes but the file has \(size)"))
        }
        for kind in SectionKind.required where sections[kind] == nil { throw fail(.missingSection(kind)) }
        func slice(_ kind: SectionKind) -> UnsafeRawBufferPointer {
            let entry = sections[kind]!
            return UnsafeRawBufferPointer(start: base + Int(entry.offset), count: Int(entry.length))
        }
        func offset(_ kind: SectionKind) -> Int { Int(sections[kind]!.offset) }

        guard header.dimension > 0, header.dimension <= 1 << 20 else {
            throw fail(.malformed(what: "header", detail: "dimension \(header.dimension)"))
        }
        let dimension = Int(header.dimension)
        let rowBytes = dimension * 4
        let wordVectorBytes = slice(.wordVectors).count
        let imageVectorBytes = slice(.imageVectors).count
        guard wordVectorBytes % rowBytes == 0 else {
            throw fail(.malformed(what: "section 'word vectors'", detail: "\(wordVectorBytes) bytes is not a whole number of \(dimension)-d rows"))
        }
        guard imageVectorBytes % rowBytes == 0 else {
            throw fail(.malformed(what: "section 'image vectors'", detail: "\(imageVectorBytes) bytes is not a whole number of \(dimension)-d rows"))
        }
        let wordCount = wordVectorBytes / rowBytes
        let imageCount = imageVectorBytes / rowBytes
        guard let info = SpaceFileInfo.decode(slice(.info)) else {
            throw fail(.malformed(what: "section 'info'", detail: "not a JSON object with model and source"))
        }
        try VocabularyTables.validate(
            wordCount: wordCount, offsets: slice(.wordOffsets), bytesLength: slice(.wordBytes).count,
            tableLength: slice(.wordHashTable).count, sorted: slice(.sortedWords), path: path)
        try ImageRecordTable.validate(count: imageCount, offsets: slice(.imageRecordOffsets), bytes: slice(.imageRecords), path: path)
        // A half-precision copy must have exactly the rows of the float32 section it copies.
        func half(_ kind: SectionKind, rows: Int) throws(SpaceFileError) -> HalfPrecisionMatrix? {
            guard let entry = sections[kind] else { return nil }
            guard entry.length == UInt64(rows * dimension * 2) else {
                throw fail(.malformed(what: "section '\(kind)'", detail: "\(entry.length) bytes for \(rows) rows of \(dimension) half floats"))
            }
            return HalfPrecisionMatrix(storage: storage, offset: Int(entry.offset), rows: rows, dimension: dimension)
        }
        let halfWordVectors = try half(.halfWordVectors, rows: wordCount)
        let halfImageVectors = try half(.halfImageVectors, rows: imageCount)
        var imageFileFacts: ImageFileFactsTable?
        if sections[.imageFileFacts] != nil {
            let cameras = try ImageFileFactsTable.validate(slice(.imageFileFacts), count: imageCount, path: path)
            imageFileFacts = ImageFileFactsTable(storage: storage, count: imageCount, offset: offset(.imageFileFacts), cameras: cameras)
        }
        let imageNumbers = try sections[.imageNumbers].map { _ throws(SpaceFileError) in
            try ImageNumberTable.decode(slice(.imageNumbers), count: imageCount, path: path)
        }

        return Decoded(
            dimension: dimension,
            majorVersion: Int(header.major),
            checksum: header.checksum,
            info: info,
            wordVectors: Matrix(storage: storage, offset: offset(.wordVectors), rows: wordCount, dimension: dimension),
            vocabulary: Vocabulary(
                storage: storage, count: wordCount, offsets: offset(.wordOffsets), bytes: offset(.wordBytes),
                table: offset(.wordHashTable), tableCount: slice(.wordHashTable).count / 4, sorted: offset(.sortedWords)),
            imageVectors: Matrix(storage: storage, offset: offset(.imageVectors), rows: imageCount, dimension: dimension),
            images: ImageRecordTable(storage: storage, count: imageCount, offsets: offset(.imageRecordOffsets), bytes: offset(.imageRecords)),
            attachments: Dictionary(uniqueKeysWithValues: SectionKind.attachments.filter { sections[$0] != nil }.map { ($0, slice($0)) }),
            halfWordVectors: halfWordVectors,
            halfImageVectors: halfImageVectors,
            imageFileFacts: imageFileFacts,
            imageNumbers: imageNumbers)
    }
}
