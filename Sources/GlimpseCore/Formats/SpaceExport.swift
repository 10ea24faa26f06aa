import Foundation

/// Writes a space's vectors and metadata in the formats `SpaceImport` reads back: .npy
/// matrices of the unit-length rows (float32), the image table (TSV, or JSON Lines for a
/// `.jsonl` name) and the word list, one word a line.
public struct SpaceExport {
    public let space: Space

    public init(_ space: Space) {
        self.space = space
    }

    /// The numbers `selection` names among the space's images (`ImageIDSelection.numbers(in:)`),
    /// in order; the first that names no image is thrown.
    public func imageNumbers(_ selection: ImageIDSelection) throws(OptionError) -> [Int] {
        let ids = selection.numbers(in: space)
        if let missing = ids.first(where: { space.imageRow(number: $0) == nil }) {
            throw OptionError("no image IMG_\(missing): this space has \(space.imageCount) images")
        }
        return ids
    }

    /// The vectors of the images with these 1-based ids, in that order: an ids.count x dimension matrix.
    public func writeImageVectors(ids: [Int], to path: String) throws {
        var values: [Float] = []
        values.reserveCapacity(ids.count * space.dimension)
        for id in ids { values += space.imageVectors.row(row(of: id)) }
        try NumpyArrayWriter.write(values, rows: ids.count, columns: space.dimension, to: path)
    }

    /// The file, title and tags of the images with these 1-based ids, in that order.
    public func writeImageTable(ids: [Int], to path: String) throws {
        try ImageTable(records: ids.map { space.image(at: row(of: $0)) }).write(to: path)
    }

    /// Every word's vector, in vocabulary order: a wordCount x dimension matrix.
    public func writeWordVectors(to path: String) throws {
        try NumpyArrayWriter.write(space.wordVectors.values, rows: space.wordCount, columns: space.dimension, to: path)
    }

    /// The vocabulary, one word a line, in the order of `writeWordVectors`' rows.
    public func writeVocabulary(to path: String) throws {
        try AtomicFile.write((0..<space.wordCount).map { space.words[$0] + "\n" }.joined(), to: path)
    }

    /// The row of image number `id`, which the caller has checked exists (`Space.imageRow(number:)`).
    private func row(of id: Int) -> Int {
        guard let row = space.imageRow(number: id) else { preconditionFailure("no image IMG_\(id) in the space") }
        return row
    }
}
