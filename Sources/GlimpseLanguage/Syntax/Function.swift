/// The built-in functions, callable as `name(arguments)`: the one list that the
/// parser, the help and completion take their names from.
///
/// A word followed by `(` is always a call, so `mean` alone is still the word "mean".
public enum Function: String, Sendable, CaseIterable {
    case mean, norm, sim, image

    /// The name a call spells.
    public var name: String { rawValue }

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .mean: 1...Int.max
        case .norm: 1...1
        case .sim: 2...2
        case .image: 1...1
        }
    }

    public var signature: String {
        switch self {
        case .mean: "mean(a, b, ...)"
        case .norm: "norm(x)"
        case .sim: "sim(a, b)"
        case .image: "image(\"file.jpg\")"
        }
    }

    public var summary: String {
        switch self {
        case .mean: "the mean of its arguments, each counted once"
        case .norm: "its argument scaled to unit length"
        case .sim: "the cosine similarity of two vectors, a number"
        case .image: "an image file embedded with the space's model"
        }
    }
}
