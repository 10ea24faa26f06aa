/// Reads a word list, one word per line, in row order; the partner of a `.npy` of word vectors.
///
/// `\r\n` line ends are accepted and surrounding spaces trimmed; a final newline is
/// optional. A blank line in the middle is an error, since words pair with vector rows
/// by position.
public enum WordListReader {
    public static func read(path: String) throws(ImportError) -> [String] {
        let storage = try ImportFile.map(path)
        return try parse(String(decoding: storage.bytes, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws(ImportError) -> [String] {
        var lines = text.splitLines()
        if lines.last?.isEmpty == true { lines.removeLast() }
        var words: [String] = []
        words.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let word = String(line).trimmingWhitespace()
            guard !word.isEmpty else { throw ImportError(path: path, line: index + 1, message: "blank line; every line must hold one word") }
            words.append(word)
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
