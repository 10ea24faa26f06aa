import GlimpseLanguage

/// One image file path per line (words for word listings), to pipe into a viewer:
/// `glimpse -c 'top 20 beach' --format paths | xargs feh`.
public struct PathsFormatter: OutcomeFormatter {
    public init() {}

    public mutating func format(_ outcome: Outcome, statement: Int) -> String {
        switch outcome {
        case .images(let listing): listing.hits.map { $0.record.file + "\n" }.joined()
        case .words(let listing): listing.hits.map { $0.word + "\n" }.joined()
        case .image(let details): details.record.file + "\n"
        case .number(let value, _): ScoreText.number(value) + "\n"
        case .vector(let summary): summary.nearestWords.map { $0.word + "\n" }.joined()
        case .binding: ""
        }
    }

    public mutating func format(failure: Diagnostic, statement: Int, source: Source) -> String { "" }
}
