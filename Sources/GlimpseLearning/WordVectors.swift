import Foundation
import GlimpseCore

/// Word vectors (GloVe) with unit-length rows, and the phrase encoding used for captions and queries.
///
/// Rows are normalised once at load: every use (caption targets, one-word queries,
/// phrase means) works on directions, as the calibration did.
public struct WordVectors: Sendable {
    public let words: [String]
    public let index: [String: Int]
    /// `words.count x dimension`, rows of unit length (zero rows stay zero).
    public let vectors: DenseMatrix

    public var dimension: Int { vectors.columns }

    /// Word vectors from a vocabulary and its matrix (rows are normalised here).
    public init(words: [String], vectors: DenseMatrix) {
        precondition(words.count == vectors.rows, "one vector per word")
        self.words = words
        var index: [String: Int] = [:]
        index.reserveCapacity(words.count)
        // The first occurrence wins, as in GloVe's frequency-ordered file.
        for (i, w) in words.enumerated() where index[w] == nil { index[w] = i }
        self.index = index
        self.vectors = vectors.rowNormalised()
    }

    /// Word vectors as a reader imported them (GlimpseCore's `GloVeTextReader`, say);
    /// `keeping` restricts the vocabulary to those words, in the same order.
    public init(_ imported: ImportedWords, keeping: Set<String>? = nil) {
        guard let keeping else {
            self.init(words: imported.words,
                      vectors: DenseMatrix(rows: imported.words.count, columns: imported.dimension, values: imported.vectors))
            return
        }
        let kept = imported.words.indices.filter { keeping.contains(imported.words[$0]) }
        let all = DenseMatrix(rows: imported.words.count, columns: imported.dimension, values: imported.vectors)
        self.init(words: kept.map { imported.words[$0] }, vectors: all.gathering(rows: kept))
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
