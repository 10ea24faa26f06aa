/// How a space file stores its vectors: float32 only, or float32 plus half-precision copies.
///
/// With `.float16` a query's scan reads the half-precision rows (half the bytes) and
/// re-scores its few candidates against the float32 rows, so results and scores are the
/// same as with `.float32`; the file is 1.5 times as large.
public enum VectorStorage: String, Sendable, CaseIterable {
    case float32 = "f32"
    case float16 = "f16"
}
