import GlimpseLanguage

/// Comma-separated values (RFC 4180) with one header row for the whole run:
/// `statement,kind,rank,item,score,title,tags,file`. After each hit of `explain`, one `share`
/// row per term: the hit's rank, the term, and its share of the score.
public struct CSVFormatter: OutcomeFormatter {
    private var wroteHeader = false

    public init() {}

    public static let columns = ["statement", "kind", "rank", "item", "score", "title", "tags", "file"]

    public mutating func format(_ outcome: Outcome, statement: Int) -> String {
        let n = String(statement)
        var rows: [[String]] = []
        switch outcome {
        case .images(let listing):
            rows = listing.hits.enumerated().flatMap { i, hit in
                [[n, "image", String(hit.rank), hit.id, ScoreText.fixed(hit.score, digits: 6),
                  hit.record.title, hit.record.tags.joined(separator: "|"), hit.record.file]]
                    + Self.shareRows(n, rank: hit.rank, i, listing.explanation)
            }
        case .words(let listing):
            rows = listing.hits.enumerated().flatMap { i, hit in
                [[n, "word", String(hit.rank), hit.word, ScoreText.fixed(hit.score, digits: 6), "", "", ""]]
                    + Self.shareRows(n, rank: hit.rank, i, listing.explanation)
            }
        case .number(let value, let expression):
            rows = [[n, "number", "", expression, ScoreText.number(value), "", "", ""]]
        case .vector(let summary):
            rows = summary.nearestWords.map {
                [n, "nearest-word", String($0.rank), $0.word, ScoreText.fixed($0.score, digits: 6), "", "", ""]
            }
        case .image(let details):
            rows = [[n, "show", "", details.id, "", details.record.title, details.record.tags.joined(separator: "|"), details.record.file]]
        case .binding:
            return ""
        }
        var out = ""
        if !wroteHeader {
            wroteHeader = true
            out += CSVFormatter.columns.joined(separator: ",") + "\n"
        }
        return out + rows.map { $0.map(CSVFormatter.field).joined(separator: ",") + "\n" }.joined()
    }

    public mutating func format(failure: Diagnostic, statement: Int, source: Source) -> String { "" }

    private static func shareRows(_ n: String, rank: Int, _ i: Int, _ explanation: Explanation?) -> [[String]] {
        guard let explanation else { return [] }
        return zip(explanation.terms, explanation.shares[i]).map { term, share in
            [n, "share", String(rank), term, ScoreText.fixed(share, digits: 6), "", "", ""]
        }
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
