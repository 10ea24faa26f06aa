import GlimpseLanguage

/// Aligned, numbered columns for people; `#n` in the next query refers to the
/// numbers in the first column.
public struct TableFormatter: OutcomeFormatter {
    public var style: TableStyle

    public init(style: TableStyle = TableStyle()) {
        self.style = style
    }

    public mutating func format(_ outcome: Outcome, statement: Int) -> String {
        switch outcome {
        case .images(let listing):
            let header = style.echoQuery ? listing.statement + "\n" : ""
            guard !listing.hits.isEmpty else { return header + "(no images)\n" }
            // Between the score and the text: each term's share (explain), what was folded (distinct).
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            let rows = listing.hits.enumerated().map { i, hit in
                [String(hit.rank), hit.id, ScoreText.fixed(hit.score, digits: 3)] + extra.cells(i)
                    + [hit.record.title, hit.record.tags.joined(separator: ", ")]
            }
            let first = 3 + extra.headers.count
            return header + table(["#", "image", "score"] + extra.headers + ["title", "tags"], rows,
                                  rightAligned: Set([0, 2] + (3..<first)), shrinkable: [first, first + 1])
                + extra.footer

        case .words(let listing):
            let header = style.echoQuery ? listing.statement + "\n" : ""
            guard !listing.hits.isEmpty else { return header + "(no words)\n" }
            let extra = ListingColumns(explanation: listing.explanation, distinct: listing.distinct)
            let rows = listing.hits.enumerated().map { i, hit in
                [String(hit.rank), hit.word, ScoreText.fixed(hit.score, digits: 3)] + extra.cells(i)
            }
            return header + table(["#", "word", "score"] + extra.headers, rows,
                                  rightAligned: Set([0, 2] + (3..<(3 + extra.headers.count))), shrinkable: [1])
                + extra.footer

        case .number(let value, let expression):
            return style.echoQuery ? "\(expression) = \(ScoreText.number(value))\n" : "\(ScoreText.number(value))\n"

        case .vector(let summary):
            let nearest = summary.nearestWords.map { "\($0.word) \(ScoreText.fixed($0.score, digits: 3))" }
            return "vector \(summary.formula)  (length \(ScoreText.fixed(summary.length, digits: 3)))\n"
                + "nearest words: \(nearest.joined(separator: ", "))\n"

        case .image(let details):
            var rows = [["file", details.record.file], ["title", details.record.title],
                        ["tags", details.record.tags.joined(separator: ", ")]]
            if let facts = details.facts {
                rows += ImageFactsText.lines(file: details.record.file, facts: facts).map { [$0.name, $0.value] }
            }
            let width = rows.count > 3 ? 10 : 7
            return details.id + "\n" + rows.map { "  " + $0[0].padding($0[0].count, to: width) + $0[1] }.joined(separator: "\n") + "\n"

        case .binding:
            return ""
        }
    }

    public mutating func format(failure: Diagnostic, statement: Int, source: Source) -> String { "" }

    /// Columns separated by two spaces; when a width is set, the shrinkable
    /// columns are cut (with an ellipsis) so no line is wider.
    private func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>, shrinkable: [Int]) -> String {
        var widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        if let limit = style.width {
            var total = widths.reduce(0, +) + 2 * (widths.count - 1) + 1
            for column in shrinkable.reversed() where total > limit {
                let minimum = max(header[column].count, 8)
                let cut = min(widths[column] - minimum, total - limit)
                if cut > 0 {
                    widths[column] -= cut
                    total -= cut
                }
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let text = cell.count > widths[column] ? String(cell.prefix(max(0, widths[column] - 1))) + "…" : cell
                let isLast = column == cells.count - 1
                if rightAligned.contains(column) {
                    parts.append(String(repeating: " ", count: widths[column] - text.count) + text)
                } else {
                    parts.append(isLast ? text : text.padding(text.count, to: widths[column]))
                }
            }
            var joined = " " + parts.joined(separator: "  ")
            while joined.hasSuffix(" ") { joined.removeLast() }
            return joined + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}

extension String {
    /// Pads with spaces to `width` characters, given the text's own count.
    func padding(_ count: Int, to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
