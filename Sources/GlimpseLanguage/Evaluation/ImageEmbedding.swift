/// Puts an image file into the space, for `image("file.jpg")`.
///
/// GlimpseImagePipeline's `SpaceImageEmbedder` is the real one; a space without an
/// image model has none, and `image(...)` is then a diagnostic.
public protocol ImageEmbedding: Sendable {
    /// A vector of the space's dimension (any length; the evaluator normalises it).
    func embed(file path: String) throws -> [Float]
}
