/// The scores a listing keeps: at least (or above) a lower bound and at most (or below) an upper
/// one, either of which may be absent; `where score > 0.5 and score < 0.9`.
public struct ScoreRange: Sendable, Equatable {
    public struct Bound: Sendable, Equatable {
        public var value: Float
        /// Whether a score equal to `value` is kept.
        public var inclusive: Bool

        public init(_ value: Float, inclusive: Bool) {
            self.value = value
            self.inclusive = inclusive
        }
    }

    public var lower: Bound?
    public var upper: Bound?

    /// Every score.
    public static let all = ScoreRange(lower: nil, upper: nil)

    public init(lower: Bound? = nil, upper: Bound? = nil) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ score: Float) -> Bool {
        !isBelowLower(score) && !isAboveUpper(score)
    }

    /// Below the lower bound: in a ranking, so is every score after this one.
    public func isBelowLower(_ score: Float) -> Bool {
        guard let lower else { return false }
        return lower.inclusive ? !(score >= lower.value) : !(score > lower.value)
    }

    public func isAboveUpper(_ score: Float) -> Bool {
        guard let upper else { return false }
        return upper.inclusive ? !(score <= upper.value) : !(score < upper.value)
    }

    /// The scores both ranges keep.
    public func intersection(_ other: ScoreRange) -> ScoreRange {
        func tighter(_ a: Bound?, _ b: Bound?, lowerEnd: Bool) -> Bound? {
            guard let a else { return b }
            guard let b else { return a }
            if a.value == b.value { return Bound(a.value, inclusive: a.inclusive && b.inclusive) }
            return (a.value > b.value) == lowerEnd ? a : b
        }
        return ScoreRange(lower: tighter(lower, other.lower, lowerEnd: true), upper: tighter(upper, other.upper, lowerEnd: false))
    }
}
