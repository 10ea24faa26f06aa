/// Why a space cannot be built from the given words, vectors and images.
public enum SpaceError: Error, Sendable, Equatable, CustomStringConvertible {
    case dimensionNotPositive(Int)
    /// A vector array does not hold count x dimension values.
    case vectorCountMismatch(matrix: String, expected: Int, actual: Int)
    case duplicateWord(String, first: Int, second: Int)
    case emptyWord(index: Int)
    /// A NaN or infinite value at (row, column).
    case nonFiniteValue(matrix: String, row: Int, column: Int)
    /// More rows or bytes than the file format can address.
    case tooLarge(String)
    /// File facts that are not one per image, or hold a value their section cannot.
    case invalidImageFileFacts(String)
    case invalidImageNumbers(String)

    public var description: String {
        switch self {
        case .dimensionNotPositive(let d):
            return "dimension must be positive, not \(d)"
        case let .vectorCountMismatch(matrix, expected, actual):
            return "\(matrix): expected \(expected) values (count x dimension), got \(actual)"
        case let .duplicateWord(word, first, second):
            return "duplicate word '\(word)' at \(first) and \(second)"
        case .emptyWord(let index):
            return "word \(index) is empty"
        case let .nonFiniteValue(matrix, row, column):
            return "\(matrix): row \(row), column \(column) is not a finite number"
        case .tooLarge(let what):
            return "too large for the space file format: \(what)"
        case .invalidImageFileFacts(let detail):
            return "image file facts: \(detail)"
        case .invalidImageNumbers(let detail):
            return "image numbers: \(detail)"
        }
    }
}
