import GlimpseCore

/// The image model of a space, as the bytes Postgres keeps for it (`glimpse_spaces.image_model`):
/// a space file with the same dimension, no words and no images, and every optional section
/// of the space (`SectionKind.attachments`: the projection head, the encoder's description,
/// the zero-shot classes, the collections' models, the transfer memory). Whoever opens the
/// pushed space reads it with `Space.open`/`decode` and gives it to `SpaceImageEmbedder`, so
/// `image("file")` embeds a new file exactly as the local space would.
public enum ImageModelBytes {
    /// The bytes, or nil when the space has no optional sections (no image model).
    public static func of(_ space: Space) -> [UInt8]? {
        var attachments: [SectionKind: [UInt8]] = [:]
        for kind in SectionKind.attachments {
            if let bytes = space.attachment(kind) { attachments[kind] = bytes }
        }
        guard !attachments.isEmpty else { return nil }
        let model: Space
        do {
            model = try Space(words: [], wordVectors: [], images: [], imageVectors: [], dimension: space.dimension,
                              model: space.info.model, source: space.info.source, attachments: attachments)
        } catch {
            // The space's own dimension, no vectors and no records: nothing here can be refused.
            fatalError("internal error: an empty space of dimension \(space.dimension) is refused: \(error)")
        }
        return model.withFileBytes { Array($0) }
    }
}
