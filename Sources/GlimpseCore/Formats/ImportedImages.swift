/// Image vectors and their metadata, paired by row.
public struct ImportedImages: Sendable {
    public var images: [ImageRecord]
    public var vectors: [Float]
    public var dimension: Int

    public init(images: [ImageRecord], vectors: [Float], dimension: Int) {
        self.images = images
        self.vectors = vectors
        self.dimension = dimension
    }
}

/// Reads image vectors from a `.npy` file and their metadata from TSV or JSON Lines (see `ImageTable`).
public enum ImageImportReader {
    public static func read(vectorsPath: String, metadataPath: String) throws(ImportError) -> ImportedImages {
        let array = try NumpyArrayReader.read(path: vectorsPath)
        let records = try ImageTable.read(path: metadataPath).records
        guard records.count == array.rows else {
            throw ImportError(path: metadataPath, message: "\(records.count) records but \(vectorsPath) has \(array.rows) rows")
        }
        if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
            throw ImportError(path: vectorsPath, message: "row \(bad / max(array.columns, 1)) holds NaN or infinity")
        }
        return ImportedImages(images: records, vectors: array.values, dimension: array.columns)
    }
}
