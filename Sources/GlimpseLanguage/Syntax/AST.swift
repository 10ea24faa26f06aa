/// A parsed script: its statements in order.
public struct Script: Sendable, Equatable {
    public var statements: [Statement]

    public init(statements: [Statement]) {
        self.statements = statements
    }
}

/// One statement, with the range it covers.
public struct Statement: Sendable, Equatable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Sendable, Equatable {
        /// `let name = expression`
        case binding(name: Name, value: Expression)
        /// `top [K] expression [including query]`: the nearest images.
        case top(count: Count?, query: Expression, includeQuery: Bool)
        /// `words [K] expression [among N] [including query]`: the nearest words (of the first N).
        case words(count: Count?, query: Expression, includeQuery: Bool, among: Count?)
        /// `show IMG_n`: an image's metadata.
        case show(Expression)
        /// A bare expression: what it is, and its nearest words.
        case expression(Expression)
    }
}

/// An identifier as written, with its range.
public struct Name: Sendable, Equatable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A whole number in a statement: the K of `top K` and `words K`, the N of `among N`.
public struct Count: Sendable, Equatable {
    public var value: Int
    public var range: SourceRange

    public init(_ value: Int, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A vector or number expression, with the range it covers.
public struct Expression: Sendable, Equatable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Sendable, Equatable {
        /// `beach`: a variable if one has that name, else a vocabulary word.
        case word(String)
        /// `"ice cream"`: always words, never variables; several words mean their mean.
        case phrase(String)
        /// `IMG_12`: an image by its id.
        case image(Int)
        /// `#3`: a result of the previous listing.
        case hit(Int)
        case number(Double)
        case negate(Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `norm(x)`: a built-in function with the arguments it takes.
        case call(Call)
        /// `( expression )`, kept so that printing gives back the same text.
        case group(Expression)
    }
}

/// A call of a built-in function: the parser has resolved the name and checked
/// the number of arguments, and that `image` has a file name in quotes.
public enum Call: Sendable, Equatable {
    /// `mean(a, b, ...)`: one argument or more.
    case mean([Expression])
    case norm(Expression)
    case sim(Expression, Expression)
    /// `image("dog.jpg")`: the file name as the phrase gave it, and where the phrase is.
    case image(file: String, at: SourceRange)

    public var function: Function {
        switch self {
        case .mean: .mean
        case .norm: .norm
        case .sim: .sim
        case .image: .image
        }
    }

    /// The arguments as written; `image`'s file name is the phrase it was.
    public var arguments: [Expression] {
        switch self {
        case .mean(let arguments): arguments
        case .norm(let argument): [argument]
        case .sim(let first, let second): [first, second]
        case .image(let file, let range): [Expression(.phrase(file), range: range)]
        }
    }
}

public enum BinaryOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}
