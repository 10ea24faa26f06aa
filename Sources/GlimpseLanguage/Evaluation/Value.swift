/// What an expression evaluates to.
public enum Value: Sendable, Equatable {
    case vector(QueryVector)
    case number(Double)

    /// How the kind is named in diagnostics.
    public var kindName: String {
        switch self {
        case .vector: "a vector"
        case .number: "a number"
        }
    }
}

/// A vector in the space, with the weighted terms that made it.
///
/// The terms are a linear combination in order of first appearance, so that
/// `park + park` shows as `2*park` and `beach - beach` as nothing at all; they are
/// what notebooks and the REPL print as "the expression as evaluated".
public struct QueryVector: Sendable, Equatable {
    public var components: [Float]
    public var terms: [Term]
    /// Vocabulary indices of the words named in the query, left out of `words` results.
    public var words: Set<Int>
    /// Image rows named in the query, left out of `top` results.
    public var images: Set<Int>

    public init(components: [Float], terms: [Term], words: Set<Int> = [], images: Set<Int> = []) {
        self.components = components
        self.terms = terms
        self.words = words
        self.images = images
    }

    /// A single unit-length term.
    public init(unit components: [Float], label: String, words: Set<Int> = [], images: Set<Int> = []) {
        self.init(components: components, terms: [Term(label: label, weight: 1, vector: components)], words: words, images: images)
    }

    public var length: Float { Float(magnitude) }

    /// The length, summed in Double: squares of components past about 1e19 overflow
    /// Float, and `park*1e30` must still point where `park` does.
    public var magnitude: Double {
        var sum = 0.0
        for x in components { sum += Double(x) * Double(x) }
        return sum.squareRoot()
    }

    /// Too short to have a direction: the query would match everything equally. Short
    /// relative to its weights, so that scaling (`park/1e7`) never makes a vector zero,
    /// while terms that cancel (`beach - beach`) always do.
    public var isZero: Bool {
        let weights = terms.reduce(0.0) { $0 + abs($1.weight) }
        return terms.isEmpty || !(magnitude > 1e-6 * weights)
    }

    public static func + (a: QueryVector, b: QueryVector) -> QueryVector {
        var result = a
        for i in result.components.indices { result.components[i] += b.components[i] }
        result.terms = Term.merge(a.terms, b.terms)
        result.words.formUnion(b.words)
        result.images.formUnion(b.images)
        return result
    }

    public static func * (a: QueryVector, weight: Double) -> QueryVector {
        var result = a
        let w = Float(weight)
        for i in result.components.indices { result.components[i] *= w }
        result.terms = a.terms.compactMap { term in
            let scaled = term.weight * weight
            return scaled == 0 ? nil : Term(label: term.label, weight: scaled, vector: term.vector)
        }
        return result
    }

    public static prefix func - (a: QueryVector) -> QueryVector { a * -1 }

    public static func - (a: QueryVector, b: QueryVector) -> QueryVector { a + (-b) }

    /// Scaled to unit length; the caller checks `isZero` first. Components are divided
    /// in Double, since 1/length can be too small for a Float.
    public var normalized: QueryVector {
        let magnitude = self.magnitude
        var result = self * (1 / magnitude)
        for i in components.indices { result.components[i] = Float(Double(components[i]) / magnitude) }
        return result
    }

    /// The combination as text: `king - man + woman`, `2*park + 0.5*"ice cream"`.
    public var formula: String {
        guard !terms.isEmpty else { return "0" }
        var out = ""
        for (i, term) in terms.enumerated() {
            let magnitude = abs(term.weight)
            let coefficient = magnitude == 1 ? "" : Term.format(magnitude) + "*"
            if i == 0 {
                out += (term.weight < 0 ? "-" : "") + coefficient + term.label
            } else {
                out += (term.weight < 0 ? " - " : " + ") + coefficient + term.label
            }
        }
        return out
    }
}

/// One weighted term of a query: `2*park` is the label "park" with weight 2.
public struct Term: Sendable, Equatable {
    public var label: String
    public var weight: Double
    /// The term's unit vector: a query is the sum of its terms' weighted vectors, which is how
    /// `explain` splits a score into the terms' shares.
    public var vector: [Float]

    public init(label: String, weight: Double, vector: [Float]) {
        self.label = label
        self.weight = weight
        self.vector = vector
    }

    /// The term as a formula shows it: `beach`, `2*sunrise`, `-city`, `0.5*"ice cream"`.
    public var signedText: String {
        let magnitude = abs(weight)
        return (weight < 0 ? "-" : "") + (magnitude == 1 ? "" : Term.format(magnitude) + "*") + label
    }

    /// Adds weights of equal labels, keeping the order of first appearance and
    /// dropping terms that cancel.
    static func merge(_ a: [Term], _ b: [Term]) -> [Term] {
        var result = a
        for term in b {
            if let i = result.firstIndex(where: { $0.label == term.label }) {
                result[i].weight += term.weight
            } else {
                result.append(term)
            }
        }
        return result.filter { abs($0.weight) > 1e-12 }
    }

    /// Weights print with up to three decimals and no trailing zeros: 2, 0.5, 0.333.
    public static func format(_ weight: Double) -> String {
        let rounded = (weight * 1000).rounded() / 1000
        // A weight too small for three decimals (`park/1e7`) is not zero.
        if rounded == 0 && weight != 0 { return String(weight) }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return String(weight) }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
