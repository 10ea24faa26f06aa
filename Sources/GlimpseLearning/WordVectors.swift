import Foundation

/// Word vectors (GloVe) with unit-length rows, and the phrase encoding used for captions and queries.
///
/// Rows are normalised once at load: every use (caption targets, one-word queries,
/// phrase means) works on directions, as the calibration did.
public struct WordVectors: Sendable {
    public let words: [String]
    public let index: [String: Int]
    /// `words.count x dimension`, rows of unit length (zero rows stay zero).
    public let vectors: Matrix

    public var dimension: Int { vectors.columns }

    /// Word vectors from a vocabulary and its matrix (rows are normalised here).
    public init(words: [String], vectors: Matrix) {
        precondition(words.count == vectors.rows, "one vector per word")
        self.words = words
        var index: [String: Int] = [:]
        index.reserveCapacity(words.count)
        // The first occurrence wins, as in GloVe's frequency-ordered file.
        for (i, w) in words.enumerated() where index[w] == nil { index[w] = i }
        self.index = index
        self.vectors = vectors.rowNormalised()
    }

    /// Loads a GloVe text file (`word v1 ... vd` per line); `keeping` restricts the vocabulary.
    public static func loadGloVe(path: String, keeping: Set<String>? = nil) throws -> WordVectors {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LearningError.badInput("cannot read word vectors at \(path)")
        }
        var bytes = [UInt8](data)
        bytes.append(0)  // strtof needs a terminator after the last number
        var words: [String] = []
        var values: [Float] = []
        var dimension = -1
        try bytes.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress!
            let end = buf.count - 1
            var i = 0
            var lineNumber = 0
            while i < end {
                lineNumber += 1
                var space = i
                while space < end && buf[space] != 0x20 && buf[space] != 0x0A { space += 1 }
                var lineEnd = space
                while lineEnd < end && buf[lineEnd] != 0x0A { lineEnd += 1 }
                defer { i = lineEnd + 1 }
                if space == lineEnd { continue }  // blank or malformed line
                let word = String(decoding: UnsafeBufferPointer(start: base + i, count: space - i), as: UTF8.self)
                if let keeping, !keeping.contains(word) { continue }
                // Parse numbers in place: make the line end a terminator for strtof.
                buf[lineEnd] = 0
                var p = UnsafeMutablePointer<CChar>(OpaquePointer(base + space))
                var row: [Float] = []
                row.reserveCapacity(max(dimension, 8))
                while true {
                    var next: UnsafeMutablePointer<CChar>? = nil
                    let v = strtof(p, &next)
                    guard let n = next, n != p else { break }
                    row.append(v)
                    p = n
                }
                buf[lineEnd] = 0x0A
                if dimension < 0 { dimension = row.count }
                guard row.count == dimension, dimension > 0 else {
                    throw LearningError.badInput("\(path):\(lineNumber): \(row.count) numbers, expected \(dimension)")
                }
                words.append(word)
                values.append(contentsOf: row)
            }
        }
        guard dimension > 0 else { throw LearningError.badInput("\(path): no vectors") }
        return WordVectors(words: words, vectors: Matrix(rows: words.count, columns: dimension, values: values))
    }

    /// Lower-cased ASCII-alphanumeric tokens, split at everything else (the calibration's tokeniser).
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        for b in text.lowercased().utf8 {
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                current.append(b)
            } else if !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// The unit vector of a word, if it is in the vocabulary.
    public func vector(_ word: String) -> [Float]? {
        index[word].map { vectors.row($0) }
    }

    /// The normalised mean of the unit vectors of `words` that are in the vocabulary; nil if none is.
    public func meanVector<S: Sequence>(of words: S) -> [Float]? where S.Element == String {
        var sum = [Float](repeating: 0, count: dimension)
        var found = 0
        for w in words {
            guard let i = index[w] else { continue }
            found += 1
            for j in 0..<dimension { sum[j] += vectors.values[i * dimension + j] }
        }
        guard found > 0 else { return nil }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return nil }
        return sum.map { $0 / norm }
    }

    /// The phrase encoding: normalised mean of the known tokens of `text`.
    public func phraseVector(_ text: String) -> [Float]? {
        meanVector(of: Self.tokens(text))
    }
}
