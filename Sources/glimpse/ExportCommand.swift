import Foundation
import ArgumentParser
import GlimpseCore
import GlimpseShell

/// `glimpse export`: writes a space's vectors and metadata in standard formats.
struct ExportCommand: GlimpseCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a space's image vectors (and metadata) or word vectors as .npy files.",
        discussion: """
            The vectors are the space's unit-length rows, float32, readable with
            numpy.load.

              glimpse export --images img.npy --metadata img.tsv
              glimpse export --words words.npy --vocab words.txt --space glove.glimpse
              glimpse export --images img.npy --metadata img.tsv --rows 1-300
            """)

    @OptionGroup var spaceOption: SpaceOption

    @Option(help: ArgumentHelp("Write the image vectors to this .npy file.", valueName: "file"))
    var images: String?

    @Option(help: ArgumentHelp("Write the image metadata (file, title, tags) to this file: TSV, or JSON Lines when it ends in .jsonl.", valueName: "file"))
    var metadata: String?

    @Option(help: ArgumentHelp("Write the word vectors to this .npy file.", valueName: "file"))
    var words: String?

    @Option(help: ArgumentHelp("Write the vocabulary, one word per line, to this file.", valueName: "file"))
    var vocab: String?

    @Option(help: ArgumentHelp("Only these images, by id: FIRST-LAST (e.g. 1-300) or a list (3,7,12).", valueName: "ids"))
    var rows: String?

    func validate() throws {
        guard images != nil || metadata != nil || words != nil || vocab != nil else {
            throw ValidationError("nothing to export: give --images, --metadata, --words or --vocab")
        }
        if rows != nil, try selectedIDs(limit: Int.max) == nil { throw ValidationError("--rows takes FIRST-LAST or a list of ids") }
    }

    /// The 1-based ids --rows names, or nil when it is malformed.
    private func selectedIDs(limit: Int) throws -> [Int]? {
        guard let rows else { return Array(stride(from: 1, through: limit, by: 1)) }
        if let dash = rows.firstIndex(of: "-") {
            guard let first = Int(rows[..<dash]), let last = Int(rows[rows.index(after: dash)...]), first >= 1, first <= last
            else { return nil }
            return Array(first...min(last, max(first, limit)))
        }
        let ids = rows.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return ids.count == rows.split(separator: ",").count && ids.allSatisfy({ $0 >= 1 }) ? ids : nil
    }

    func execute() throws -> ExitStatus {
        let space = try QueryOptions.openSpace(spaceOption.space)
        if images != nil || metadata != nil {
            // Ids are numbers (`Space.imageRow(number:)`): a space made by `glimpse index` may have gaps, which a range skips.
            var ids = try selectedIDs(limit: space.imageNumberRange?.upperBound ?? 0) ?? []
            if space.imageNumbers != nil, self.rows?.contains(",") != true { ids = ids.filter { space.imageRow(number: $0) != nil } }
            if let bad = ids.first(where: { space.imageRow(number: $0) == nil }) {
                throw CommandError(.usage, "no image IMG_\(bad): this space has \(space.imageCount) images")
            }
            let rows = ids.map { space.imageRow(number: $0)! }
            if let images {
                var values: [Float] = []
                values.reserveCapacity(ids.count * space.dimension)
                for row in rows { values += space.imageVectors.row(row) }
                try NumpyArrayWriter.write(values, rows: ids.count, columns: space.dimension, to: images)
            }
            if let metadata {
                try ImageTable(records: rows.map { space.image(at: $0) }).write(to: metadata)
            }
            Console.writeError("exported \(ids.count) images\n")
        }
        if let words {
            try NumpyArrayWriter.write(space.wordVectors.values, rows: space.wordCount, columns: space.dimension, to: words)
        }
        if let vocab {
            try AtomicFile.write((0..<space.wordCount).map { space.words[$0] + "\n" }.joined(), to: vocab)
        }
        return .success
    }
}
