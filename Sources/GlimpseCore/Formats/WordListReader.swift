/// Reads a word list, one word per line, in row order; the partner of a `.npy` of word vectors.
///
/// `\r\n` line ends are accepted and surrounding spaces and tabs trimmed; a final newline
/// is optional. A blank line is an error, since words pair with vector rows by position.
public enum WordListReader {
    public static func read(path: String) throws(ImportError) -> [String] {
        let storage = try ImportFile.map(path)
        return try parse(storage.bytes, path: path)
    }

    public static func parse(_ text: String, path: String) throws(ImportError) -> [String] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(ImportError) -> [String] in try parse(raw, path: path) }
        }.get()
    }

    /// Works on bytes, not Characters: 400,000 lines split as Strings cost several times more.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImportError) -> [String] {
        let text = bytes.bindMemory(to: UInt8.self)
        var words: [String] = []
        var position = 0
        var line = 0
        while position < text.count {
            line += 1
            var end = position
            while end < text.count && text[end] != 0x0A { end += 1 }
            let next = end + 1
            var start = position
            while start < end && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
            while end > start && (text[end - 1] == 0x0D || text[end - 1] == 0x20 || text[end - 1] == 0x09) { end -= 1 }
            guard end > start else { throw ImportError(path: path, line: line, message: "blank line; every line must hold one word") }
            words.append(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
            position = next
        }
        return words
    }
}

/// Reads word vectors from a word list (one word per line) and a `.npy` matrix with one row per word.
public enum WordListNumpyReader {
    public static func read(wordsPath: String, vectorsPath: String) throws(ImportError) -> ImportedWords {
        let words = try WordListReader.read(path: wordsPath)
        let array = try NumpyArrayReader.read(path: vectorsPath)
        return try combine(words: words, array: array, wordsPath: wordsPath, vectorsPath: vectorsPath)
    }

    /// Pairs words with rows, keeping the first of repeated words; rows with NaN or infinity are skipped and reported.
    public static func combine(words: [String], array: NumpyArray, wordsPath: String, vectorsPath: String) throws(ImportError) -> ImportedWords {
        guard words.count == array.rows else {
            throw ImportError(path: vectorsPath, message: "\(array.rows) rows but \(wordsPath) has \(words.count) words")
        }
        let dimension = array.columns
        guard dimension > 0 else { throw ImportError(path: vectorsPath, message: "rows have no columns") }
        var collector = WordCollector(path: wordsPath, dimension: dimension)
        collector.reserve(words: words.count, dimension: dimension)
        array.values.withUnsafeBufferPointer { values in
            for (row, word) in words.enumerated() {
                let slice = values[(row * dimension)..<((row + 1) * dimension)]
                guard slice.allSatisfy({ $0.isFinite }) else {
                    collector.skip(line: row + 1, "row \(row) of \(vectorsPath) holds NaN or infinity")
                    continue
                }
                var word = word
                word.withUTF8 { collector.add($0) { $0.append(contentsOf: slice) } }
            }
        }
        return collector.result
    }
}
