/// Errors from loading data, decoding heads and training.
public enum LearningError: Error, Equatable, CustomStringConvertible {
    /// A serialised head or split is malformed; the message says where.
    case corrupt(String)
    /// A file could not be read or has the wrong shape.
    case badInput(String)
    /// An argument is out of range.
    case invalidArgument(String)
    /// The ridge system's matrix is not positive definite (leading minor `order`).
    case notPositiveDefinite(order: Int)

    public var description: String {
        switch self {
        case .corrupt(let m): return "corrupt data: \(m)"
        case .badInput(let m): return "bad input: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .notPositiveDefinite(let k): return "ridge system is not positive definite (minor \(k)); raise the penalty"
        }
    }
}
