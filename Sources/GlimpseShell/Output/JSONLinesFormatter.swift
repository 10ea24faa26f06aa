import GlimpseLanguage

/// One JSON object per result line (JSON Lines), for notebooks and other tools.
///
/// Every object has `statement` (1-based) and `kind`: `image`, `word`, `number`,
/// `vector`, `show` or `error`. Hits of `explain` have `shares`, of `distinct` `folded`.
public struct JSONLinesFormatter: OutcomeFormatter {
    public init() {}

    public mutating func format(_ outcome: Outcome, statement: Int) -> String {
        let n = String(statement)
        switch outcome {
        case .images(let listing):
            return listing.hits.enumerated().map { i, hit in
                JSONText.object([
                    ("statement", n), ("kind", JSONText.string("image")), ("query", JSONText.string(listing.query)),
                    ("rank", String(hit.rank)), ("id", JSONText.string(hit.id)), ("score", JSONText.score(hit.score)),
                    ("title", JSONText.string(hit.record.title)),
                    ("tags", JSONText.array(hit.record.tags.map(JSONText.string))),
                    ("file", JSONText.string(hit.record.file)),
                ] + (hit.facts.map { ImageFactsText.jsonFields(file: hit.record.file, facts: $0) } ?? [])
                  + Self.clauseFields(i, listing.explanation, listing.distinct)) + "\n"
            }.joined()
        case .words(let listing):
            return listing.hits.enumerated().map { i, hit in
                JSONText.object([
                    ("statement", n), ("kind", JSONText.string("word")), ("query", JSONText.string(listing.query)),
                    ("rank", String(hit.rank)), ("word", JSONText.string(hit.word)), ("score", JSONText.score(hit.score)),
                ] + Self.clauseFields(i, listing.explanation, listing.distinct)) + "\n"
            }.joined()
        case .number(let value, let expression):
            return JSONText.object([
                ("statement", n), ("kind", JSONText.string("number")),
                ("expression", JSONText.string(expression)), ("value", JSONText.number(value)),
            ]) + "\n"
        case .vector(let summary):
            let nearest = summary.nearestWords.map {
                JSONText.object([("word", JSONText.string($0.word)), ("score", JSONText.score($0.score))])
            }
            return JSONText.object([
                ("statement", n), ("kind", JSONText.string("vector")), ("formula", JSONText.string(summary.formula)),
                ("length", JSONText.score(summary.length)), ("nearest", JSONText.array(nearest)),
            ]) + "\n"
        case .image(let details):
            return JSONText.object([
                ("statement", n), ("kind", JSONText.string("show")), ("id", JSONText.string(details.id)),
                ("title", JSONText.string(details.record.title)),
                ("tags", JSONText.array(details.record.tags.map(JSONText.string))),
                ("file", JSONText.string(details.record.file)),
            ] + (details.facts.map { ImageFactsText.jsonFields(file: details.record.file, facts: $0) } ?? [])) + "\n"
        case .binding:
            return ""
        }
    }

    /// The i-th hit's fields from `explain` (`shares`: each term and its share of the score) and
    /// `distinct` (`folded`: how many near-copies it took in); none without the clauses.
    static func clauseFields(_ i: Int, _ explanation: Explanation?, _ distinct: FoldedHits?) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let explanation {
            let shares = zip(explanation.terms, explanation.shares[i]).map { term, share in
                JSONText.object([("term", JSONText.string(term)), ("share", JSONText.score(share))])
            }
            fields.append(("shares", JSONText.array(shares)))
        }
        if let distinct { fields.append(("folded", String(distinct.perHit[i]))) }
        return fields
    }

    public mutating func format(failure: Diagnostic, statement: Int, source: Source) -> String {
        let location = source.location(of: failure.range.lowerBound)
        return JSONText.object([
            ("statement", String(statement)), ("kind", JSONText.string("error")),
            ("id", JSONText.string(failure.id.rawValue)), ("message", JSONText.string(failure.message)),
            ("line", String(location.line)), ("column", String(location.column)),
        ]) + "\n"
    }
}
