/// The files `glimpse export` writes, as its options name them: the vectors and the table of
/// the images `rows` selects (all by default), the word vectors and the vocabulary.
public struct SpaceExportFiles: Sendable {
    public var imageVectors: String?
    public var imageTable: String?
    public var wordVectors: String?
    public var vocabulary: String?
    public var rows: ImageIDSelection

    /// At least one file, and `rows` (when given) as `ImageIDSelection` reads it.
    public init(images: String?, metadata: String?, words: String?, vocab: String?, rows: String?) throws(OptionError) {
        guard images != nil || metadata != nil || words != nil || vocab != nil else {
            throw OptionError("nothing to export: give --images, --metadata, --words or --vocab")
        }
        var selection = ImageIDSelection.all
        if let rows {
            guard let given = ImageIDSelection(rows) else { throw OptionError("--rows takes FIRST-LAST or a list of ids") }
            selection = given
        }
        (imageVectors, imageTable, wordVectors, vocabulary, self.rows) = (images, metadata, words, vocab, selection)
    }

    /// Writes the image files given and returns how many images they hold (nil: none given).
    /// A selected number that names no image is thrown before anything is written.
    public func writeImages(of space: Space) throws -> Int? {
        guard imageVectors != nil || imageTable != nil else { return nil }
        let export = SpaceExport(space)
        let ids = try export.imageNumbers(rows)
        if let imageVectors { try export.writeImageVectors(ids: ids, to: imageVectors) }
        if let imageTable { try export.writeImageTable(ids: ids, to: imageTable) }
        return ids.count
    }

    /// Writes the word files given.
    public func writeWords(of space: Space) throws {
        if let wordVectors { try SpaceExport(space).writeWordVectors(to: wordVectors) }
        if let vocabulary { try SpaceExport(space).writeVocabulary(to: vocabulary) }
    }
}
