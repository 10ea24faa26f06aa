/// Reads word vectors in the GloVe text format: one `word v1 v2 ... vd` per line.
///
/// - The dimension is taken from the first line; the word2vec text header (`count dim`
///   on line 1) is recognised and skipped.
/// - Trailing spaces and `\r\n` line ends are tolerated; blank lines are ignored.
/// - A line with more fields than `dim + 1` has a word with spaces in it (GloVe 840B has
///   a few): everything before the last `dim` fields is the word.
/// - Lines with too few numbers, text that is not a number, or NaN/infinity are skipped
///   and reported with their line numbers; a repeated word keeps its first vector.
///
/// The file is memory-mapped and parsed in place, without a String per line.
public enum GloVeTextReader {
    public static func read(path: String) throws(ImportError) -> ImportedWords {
        let storage = try ImportFile.map(path)
        return try parse(storage.bytes, path: path)
    }

    /// Parses the bytes of a GloVe text file; `path` names it in messages.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImportError) -> ImportedWords {
        let text = bytes.bindMemory(to: UInt8.self)
        var collector = WordCollector(path: path, dimension: 0)
        var dimension = 0
        var fields: [Range<Int>] = []
        var values: [Float] = []
        var lineNumber = 0
        var position = 0
        let end = text.count
        while position < end {
            lineNumber += 1
            var lineEnd = position
            while lineEnd < end && text[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd + 1
            // Trim trailing \r, spaces and tabs.
            while lineEnd > position && (text[lineEnd - 1] == 0x0D || text[lineEnd - 1] == 0x20 || text[lineEnd - 1] == 0x09) {
                lineEnd -= 1
            }
            defer { position = next }
            if lineEnd == position { continue }

            fields.removeAll(keepingCapacity: true)
            var i = position
            while i < lineEnd {
                while i < lineEnd && (text[i] == 0x20 || text[i] == 0x09) { i += 1 }
                let start = i
                while i < lineEnd && text[i] != 0x20 && text[i] != 0x09 { i += 1 }
                if i > start { fields.append(start..<i) }
            }
            if dimension == 0 {
                if lineNumber == 1 && fields.count == 2 && isInteger(text, fields[0]) && isInteger(text, fields[1]) {
                    // word2vec text header "count dim": it fixes the dimension for the lines that follow.
                    let declared = Int(String(decoding: UnsafeBufferPointer(rebasing: text[fields[1]]), as: UTF8.self)) ?? 0
                    guard declared > 0 && declared <= 1 << 20 else {
                        throw ImportError(path: path, line: 1, message: "header declares dimension \(declared)")
                    }
                    dimension = declared
                    collector.setDimension(dimension)
                    collector.reserve(words: min(end / max(dimension * 8, 1), 10_000_000), dimension: dimension)
                    continue
                }
                guard fields.count >= 2 else {
                    throw ImportError(path: path, line: lineNumber, message: "expected a word and at least one number")
                }
                dimension = fields.count - 1
                collector.setDimension(dimension)
                // A guess from the file size: a decimal takes at least ~8 bytes with its separator.
                collector.reserve(words: min(end / max(dimension * 8, 1), 10_000_000), dimension: dimension)
            }
            guard fields.count >= dimension + 1 else {
                collector.skip(line: lineNumber, "expected \(dimension) numbers after the word, found \(fields.count - 1)")
                continue
            }
            let firstNumber = fields.count - dimension
            values.removeAll(keepingCapacity: true)
            var problem: String?
            for field in fields[firstNumber...] {
                let slice = UnsafeBufferPointer(rebasing: text[field])
                guard let value = DecimalFloatParser.parse(slice) else {
                    problem = "'\(String(decoding: slice, as: UTF8.self))' is not a number"
                    break
                }
                guard value.isFinite else {
                    problem = "'\(String(decoding: slice, as: UTF8.self))' is not a finite number"
                    break
                }
                values.append(value)
            }
            if let problem {
                collector.skip(line: lineNumber, problem)
                continue
            }
            let word = UnsafeBufferPointer(rebasing: text[fields[0].lowerBound..<fields[firstNumber - 1].upperBound])
            collector.add(word) { $0.append(contentsOf: values) }
        }
        guard dimension > 0 else { throw ImportError(path: path, message: "no word vectors found") }
        return collector.result
    }

    private static func isInteger(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { text[$0] &- 48 < 10 }
    }
}
