/// Reads word vectors in the word2vec binary format.
///
/// Layout: an ASCII header `count dim\n`, then per word the word's bytes, one space,
/// and `dim` little-endian float32 values, optionally followed by a newline (the
/// original tool writes one; gensim does too; some writers do not). Whitespace before
/// a word is skipped. A repeated word keeps its first vector; a vector holding NaN
/// or infinity is skipped and reported (`ImportDiagnostic.line` holds the word's 1-based ordinal).
public enum Word2VecBinaryReader {
    public static func read(path: String) throws(ImportError) -> ImportedWords {
        let storage = try ImportFile.map(path)
        return try parse(storage.bytes, path: path)
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImportError) -> ImportedWords {
        let data = bytes.bindMemory(to: UInt8.self)
        let end = data.count
        var position = 0
        func readHeaderNumber() -> Int? {
            while position < end && data[position] == 0x20 { position += 1 }
            var value = 0
            var digits = 0
            while position < end, data[position] &- 48 < 10, digits < 12 {
                value = value * 10 + Int(data[position] &- 48)
                digits += 1
                position += 1
            }
            return digits > 0 ? value : nil
        }
        guard let count = readHeaderNumber(), let dimension = readHeaderNumber() else {
            throw ImportError(path: path, line: 1, message: "expected a header 'count dimension'")
        }
        while position < end && (data[position] == 0x20 || data[position] == 0x0D) { position += 1 }
        guard position < end, data[position] == 0x0A else {
            throw ImportError(path: path, line: 1, message: "expected a newline after the header 'count dimension'")
        }
        position += 1
        guard dimension > 0, dimension <= 1 << 20 else {
            throw ImportError(path: path, line: 1, message: "dimension \(dimension) is out of range")
        }
        let vectorBytes = dimension * 4
        var collector = WordCollector(path: path, dimension: dimension)
        collector.reserve(words: min(count, end / (vectorBytes + 1)), dimension: dimension)
        var ordinal = 0
        while ordinal < count {
            ordinal += 1
            while position < end && (data[position] == 0x0A || data[position] == 0x0D || data[position] == 0x20) { position += 1 }
            let wordStart = position
            while position < end && data[position] != 0x20 { position += 1 }
            guard position < end else {
                throw ImportError(path: path, message: "truncated: word \(ordinal) of \(count) has no vector (file ends at byte \(end))")
            }
            let word = UnsafeBufferPointer(rebasing: data[wordStart..<position])
            position += 1
            guard end - position >= vectorBytes else {
                throw ImportError(path: path, message: "truncated: the vector of word \(ordinal) of \(count) ends at byte \(position + vectorBytes) but the file has \(end) bytes")
            }
            let vectorStart = bytes.baseAddress! + position
            position += vectorBytes
            var finite = true
            for j in 0..<dimension where !Float(bitPattern: UInt32(littleEndian: vectorStart.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self))).isFinite {
                finite = false
            }
            guard finite else {
                collector.skip(line: ordinal, "the vector of word \(ordinal) holds NaN or infinity")
                continue
            }
            guard !word.isEmpty else {
                collector.skip(line: ordinal, "word \(ordinal) is empty")
                continue
            }
            collector.add(word) { vectors in
                for j in 0..<dimension {
                    vectors.append(Float(bitPattern: UInt32(littleEndian: vectorStart.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self))))
                }
            }
        }
        return collector.result
    }
}
