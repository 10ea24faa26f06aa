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
        /// `[explain] top [K] expression [where ...] [distinct] [including query]`: the nearest images.
        case top(count: Count?, query: Expression, clauses: ListingClauses)
        /// `[explain] words [K] expression [among N] [where score ...] [distinct] [including query]`:
        /// the nearest words (of the first N).
        case words(count: Count?, query: Expression, clauses: ListingClauses)
        /// `show IMG_n`: an image's metadata.
        case show(Expression)
        /// A bare expression: what it is, and its nearest words.
        case expression(Expression)
    }
}

/// What a `top` or `words` statement asks besides its query: the clauses after it, and
/// `explain` before it.
public struct ListingClauses: Sendable, Equatable {
    /// `explain top ...`: each hit's score split into its terms' shares.
    public var explain: Bool
    /// `among N`: search only the first N words (`words` only).
    public var among: Count?
    /// `where condition`.
    public var filter: Condition?
    /// `distinct [threshold]`: fold near-copies of a better hit into it.
    public var distinct: Distinct?
    /// `including query`: the query's own words or images may be listed.
    public var includeQuery: Bool

    public init(explain: Bool = false, among: Count? = nil, filter: Condition? = nil, distinct: Distinct? = nil,
                includeQuery: Bool = false) {
        self.explain = explain
        self.among = among
        self.filter = filter
        self.distinct = distinct
        self.includeQuery = includeQuery
    }
}

/// `distinct [threshold]`, with the range of the clause.
public struct Distinct: Sendable, Equatable {
    /// The cosine similarity at or above which a hit is folded into a better one; nil: the default.
    public var threshold: Double?
    public var range: SourceRange

    /// The threshold when the clause gives none.
    public static let defaultThreshold = 0.95

    public init(threshold: Double?, range: SourceRange) {
        self.threshold = threshold
        self.range = range
    }
}

/// The condition of a `where` clause, with the range it covers.
public struct Condition: Sendable, Equatable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Sendable, Equatable {
        case comparison(Comparison)
        case and(Condition, Condition)
        case or(Condition, Condition)
        case not(Condition)
        /// `( condition )`, kept so that printing gives back the same text.
        case group(Condition)
    }
}

/// `field comparator value`: `tag = "sun"`, `date >= 2019-06-01`, `score > best - 0.05`. The parser
/// has checked that the comparator and the value suit the field.
public struct Comparison: Sendable, Equatable {
    public var field: ConditionField
    public var fieldRange: SourceRange
    public var comparator: Comparator
    public var value: ConditionValue
    public var valueRange: SourceRange

    public init(field: ConditionField, fieldRange: SourceRange, comparator: Comparator, value: ConditionValue, valueRange: SourceRange) {
        self.field = field
        self.fieldRange = fieldRange
        self.comparator = comparator
        self.value = value
        self.valueRange = valueRange
    }
}

public enum Comparator: String, Sendable, Equatable, CaseIterable {
    case equal = "=", notEqual = "!=", matches = "~"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// What a field is compared with.
public enum ConditionValue: Sendable, Equatable {
    /// `"sun"` or `sun`: text, or a pattern after `~`.
    case text(String)
    /// `0.5`, `2e6`, `-0.1`.
    case number(Double)
    /// `2019-06-01`.
    case date(CalendarDate)
    /// `best - 0.05`, `0.9*best`: relative to the best score.
    case relative(RelativeScore)
}

/// A day of the (proleptic Gregorian) calendar, as `YYYY-MM-DD` writes it.
public struct CalendarDate: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the date exists: months 1 to 12, days up to the month's length, leap years counted.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm of H. Hinnant.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2019-06-01`.
    public var text: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A score bound relative to the best score of the listing.
public enum RelativeScore: Sendable, Equatable {
    /// `best - x` (`best` alone is x = 0).
    case below(Double)
    /// `x*best`.
    case fraction(Double)

    /// The bound, given the best score.
    public func value(best: Double) -> Double {
        switch self {
        case .below(let x): best - x
        case .fraction(let x): x * best
        }
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
        /// `_`: the vector of the last query.
        case lastQuery
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
