import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GlimpseCore
@testable import GlimpseLanguage
import PropertyBased
import Testing
import GlimpseTestSupport

/// `where` and `distinct` against a reference written separately: every row's metadata tested
/// directly (globs by the C library's fnmatch, days by Foundation's calendar), every row scored
/// by `ExactSearch`, sorted, cut and folded in one plain pass. The evaluator must list the same
/// rows with the same scores, bit for bit, whichever search it uses.
struct FilterPropertyTests {
    /// A random `top` statement over `PhotoSpace`, with values its images really have.
    static let statements = Generator<String, Shrink.None<String>>(run: { rng in
        var text = "top \(Int.random(in: 1...30, using: &rng)) \(query(using: &rng))"
        if Int.random(in: 0..<6, using: &rng) > 0 { text += " where " + condition(depth: 0, scores: true, using: &rng) }
        if Int.random(in: 0..<3, using: &rng) == 0 { text += [" distinct", " distinct 0.99", " distinct 0.5"].randomElement(using: &rng)! }
        if Bool.random(using: &rng) { text += " including query" }
        return text
    })

    static func query(using rng: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            let term = Bool.random(using: &rng) ? "IMG_\(Int.random(in: 1...PhotoSpace.imageCount, using: &rng))" : TestSpace.words.randomElement(using: &rng)!
            return "\(Int.random(in: 1...3, using: &rng))*\(term)"
        }.joined(separator: [" + ", " - "].randomElement(using: &rng)!)
    }

    static func condition(depth: Int, scores: Bool, using rng: inout some RandomNumberGenerator) -> String {
        guard depth < 3, Int.random(in: 0..<3, using: &rng) > 0 else { return comparison(scores: scores, using: &rng) }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return "(\(condition(depth: depth + 1, scores: false, using: &rng)) or \(condition(depth: depth + 1, scores: false, using: &rng)))"
        case 1: return "not (\(condition(depth: depth + 1, scores: false, using: &rng)))"
        default: return "\(condition(depth: depth + 1, scores: scores, using: &rng)) and \(condition(depth: depth + 1, scores: scores, using: &rng))"
        }
    }

    static func comparison(scores: Bool, using rng: inout some RandomNumberGenerator) -> String {
        func quoted(_ text: String) -> String { "\"\(text)\"" }
        func pick(_ options: [String]) -> String { options.randomElement(using: &rng)! }
        let text = ["=", "!=", "~"], numeric = ["=", "!=", "<", "<=", ">", ">="]
        func date() -> String {
            String(format: "%04d-%02d-%02d", Int.random(in: 2016...2021, using: &rng), Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
        }
        switch Int.random(in: 0..<(scores ? 12 : 11), using: &rng) {
        case 0: return "tag \(pick(text)) \(quoted(pick(PhotoSpace.tags + ["s*", "*", "?og", "none"])))"
        case 1: return "title \(pick(text)) \(quoted(pick(PhotoSpace.titles + ["*face", "?og*", "*"])))"
        case 2: return "file \(pick(text)) \(quoted(pick(["photos/2018/*", "*.png", "drawings/img70.jpg", "*/img1?.jpg", "*"])))"
        case 3: return "folder \(pick(text)) \(quoted(pick(["photos/2018/3", "drawings", "photos/201?/1*", "photos/*", ""])))"
        case 4:
            // An unknown name is an error (tested elsewhere) except in a pattern.
            let op = pick(text)
            return "collection \(op) \(quoted(pick(op == "~" ? ["photos", "drawings", "d*", "*o*", "emoji"] : ["photos", "drawings"])))"
        case 5: return "camera \(pick(text)) \(quoted(pick(PhotoSpace.cameras + ["Canon*", "*"])))"
        case 6: return "size \(pick(numeric)) \(pick(["2e6", "10000", "5000000", "0", "-3"]))"
        case 7: return "width \(pick(numeric)) \(pick(["640", "1024", "4000", "1e9"]))"
        case 8: return "height \(pick(numeric)) \(pick(["480", "768", "3000"]))"
        case 9: return "date \(pick(numeric)) \(date())"
        case 10: return "modified \(pick(numeric)) \(date())"
        default:
            return "score \(pick(["<", "<=", ">", ">="])) \(pick(["0.5", "-0.25", "0", "best", "best - 0.1", "0.8*best", "-2", "0.9"]))"
        }
    }

    // MARK: - The reference

    /// Whether image `row` passes the metadata comparisons; score comparisons pass here.
    static func holds(_ condition: Condition, row: Int, space: Space) -> Bool {
        switch condition.kind {
        case .and(let left, let right): return holds(left, row: row, space: space) && holds(right, row: row, space: space)
        case .or(let left, let right): return holds(left, row: row, space: space) || holds(right, row: row, space: space)
        case .not(let operand): return !holds(operand, row: row, space: space)
        case .group(let inner): return holds(inner, row: row, space: space)
        case .comparison(let c): return holds(c, row: row, space: space)
        }
    }

    static func holds(_ c: Comparison, row: Int, space: Space) -> Bool {
        let record = space.image(at: row)
        let facts = PhotoSpace.facts()[row]
        func text(_ values: [String], _ target: String, known: Bool = true) -> Bool {
            guard known else { return false }
            switch c.comparator {
            case .equal: return values.contains(target)
            case .notEqual: return !values.contains(target)
            default: return values.contains { fnmatch(target, $0, 0) == 0 }
            }
        }
        func number(_ value: Double?, _ bound: Double) -> Bool {
            guard let value else { return false }
            switch c.comparator {
            case .equal: return value == bound
            case .notEqual: return value != bound
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            case .matches: return false
            }
        }
        func day(_ date: CalendarDate) -> Double {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let components = DateComponents(year: date.year, month: date.month, day: date.day)
            return (calendar.date(from: components)!.timeIntervalSince1970 / 86_400).rounded(.down)
        }
        switch (c.field, c.value) {
        case (.tag, .text(let t)): return text(record.tags, t)
        case (.title, .text(let t)): return text([record.title], t)
        case (.file, .text(let t)): return text([record.file], t)
        case (.folder, .text(let t)):
            let folder = record.file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return text([folder], t)
        case (.collection, .text(let t)): return text([row < 60 ? "photos" : "drawings"], t)
        case (.camera, .text(let t)): return text([facts.camera ?? ""], t, known: facts.camera != nil)
        case (.size, .number(let n)): return number(facts.byteSize.map(Double.init), n)
        case (.width, .number(let n)): return number(facts.pixelWidth.map(Double.init), n)
        case (.height, .number(let n)): return number(facts.pixelHeight.map(Double.init), n)
        case (.date, .date(let d)): return number(facts.taken.map { (Double($0) / 86_400).rounded(.down) }, day(d))
        case (.modified, .date(let d)): return number(facts.modified.map { (Double($0) / 86_400).rounded(.down) }, day(d))
        case (.score, _): return true
        default:
            Issue.record("unexpected comparison \(c)")
            return false
        }
    }

    /// The score comparisons under the top-level `and`s and groups.
    static func scoreComparisons(_ condition: Condition?) -> [Comparison] {
        guard let condition else { return [] }
        switch condition.kind {
        case .comparison(let c): return c.field == .score ? [c] : []
        case .and(let left, let right): return scoreComparisons(left) + scoreComparisons(right)
        case .group(let inner): return scoreComparisons(inner)
        default: return []
        }
    }

    static func passes(_ score: Float, _ comparisons: [Comparison], best: Float) -> Bool {
        comparisons.allSatisfy { c in
            let bound: Float = switch c.value {
            case .number(let n): Float(n)
            case .relative(.below(let x)): Float(Double(best) - x)
            case .relative(.fraction(let x)): Float(x * Double(best))
            default: .nan
            }
            switch c.comparator {
            case .less: return score < bound
            case .lessOrEqual: return score <= bound
            case .greater: return score > bound
            case .greaterOrEqual: return score >= bound
            default: return false
            }
        }
    }

    struct Listed: Equatable, CustomStringConvertible {
        var row: Int
        var score: Float
        var folded: Int
        var description: String { "\(row):\(score)+\(folded)" }
    }

    /// The plain pass: score all, keep the rows that pass, sort, cut by score, fold, take k.
    static func reference(_ statement: Statement, evaluator: Evaluator) throws -> [Listed] {
        guard case .top(let count, let expression, let clauses) = statement.kind,
              case .vector(let query) = try evaluator.evaluate(expression) else { return [] }
        let space = evaluator.space
        let scores = ExactSearch(space.imageVectors).scores(for: query.normalized.components)
        let excluded = clauses.includeQuery ? [] : query.images
        let candidates = scores.enumerated()
            .filter { row, _ in !excluded.contains(row) && (clauses.filter.map { holds($0, row: row, space: space) } ?? true) }
            .map { Hit(index: $0.offset, score: $0.element) }
            .sorted(by: Hit.ranksBefore)
        guard let best = candidates.first?.score else { return [] }
        let threshold = clauses.distinct.map { Float($0.threshold ?? 0.95) }
        var listed: [Listed] = []
        for hit in candidates where passes(hit.score, scoreComparisons(clauses.filter), best: best) && listed.count < (count?.value ?? 10) {
            if let threshold, let i = listed.firstIndex(where: { cosine(space, $0.row, hit.index) >= threshold }) {
                listed[i].folded += 1
            } else {
                listed.append(Listed(row: hit.index, score: hit.score, folded: 0))
            }
        }
        return listed
    }

    /// Row b scored against row a as a query: the dot product `distinct` compares.
    static func cosine(_ space: Space, _ a: Int, _ b: Int) -> Float {
        ExactSearch(space.imageVectors).scores(for: Array(space.imageVectors.row(a)))[b]
    }

    static func listed(_ outcome: Outcome) -> [Listed] {
        guard case .images(let listing) = outcome else { return [] }
        return listing.hits.enumerated().map { i, hit in Listed(row: hit.row, score: hit.score, folded: listing.distinct?.perHit[i] ?? 0) }
    }

    // MARK: - Properties

    static let spaces: [(String, Space)] = {
        [("f32", try! PhotoSpace.make()), ("f16", try! PhotoSpace.make(storage: .float16))]
    }()

    @Test func filteredListingsEqualTheReference() async throws {
        var compared = 0, nonEmpty = 0
        await propertyCheck(count: 400, input: Self.statements) { text in
            let (script, diagnostics) = Parser.parse(Source(name: "t", text: text))
            #expect(diagnostics.isEmpty, "\(text): \(diagnostics.map(\.message))")
            guard let statement = script.statements.first else { return }
            for (name, space) in Self.spaces {
                // The plain evaluator (exact scans) and the one the program makes (fast scans).
                for evaluator in [Evaluator(space: space), Evaluator(space: space, imageSearch: space.imageSearch(threads: 2))] {
                    do {
                        let actual = Self.listed(try evaluator.run(statement))
                        let expected = try Self.reference(statement, evaluator: evaluator)
                        #expect(actual == expected, "\(name): \(text)")
                        // Never a row that fails the metadata conditions.
                        if let filter = { if case .top(_, _, let c) = statement.kind { c.filter } else { nil } }() {
                            #expect(actual.allSatisfy { Self.holds(filter, row: $0.row, space: space) }, "\(name): \(text)")
                        }
                        compared += 1
                        if !actual.isEmpty { nonEmpty += 1 }
                    } catch let error as Diagnostic where error.id == .zeroVector {
                        // IMG_4 - IMG_11: rows 3 and 10 are copies.
                    } catch {
                        Issue.record("\(name): \(text): \(error)")
                    }
                }
            }
        }
        #expect(compared > 1500 && nonEmpty > 800, "\(nonEmpty) of \(compared) listings had hits")
    }

    /// Filters that keep every image change nothing: the same hits, scores and order as no filter.
    @Test(arguments: ["file ~ \"*\"", "not tag = \"no such tag\"", "score > -2", "tag = \"sun\" or not tag = \"sun\"",
                      "(folder ~ \"*\" and score >= -1.5)"])
    func alwaysTrueFiltersChangeNothing(_ condition: String) throws {
        let space = try PhotoSpace.make()
        var rng = SplitMix64(seed: 17)
        for _ in 0..<40 {
            let query = Self.query(using: &rng), k = Int.random(in: 1...90, using: &rng)
            let evaluator = Evaluator(space: space)
            let plain = try TestSpace.run("top \(k) \(query)", in: evaluator)
            let filtered = try TestSpace.run("top \(k) \(query) where \(condition)", in: evaluator)
            guard case .images(let a) = plain[0], case .images(let b) = filtered[0] else { Issue.record("not listings"); return }
            #expect(a.hits == b.hits, "\(query) where \(condition)")
        }
    }

    /// A filter applies inside the search, not after a fixed top k: K results whenever K images pass.
    @Test func kResultsWheneverKPass() throws {
        let space = try PhotoSpace.make()
        for condition in ["tag = \"dog\"", "folder ~ \"photos/2018/*\"", "date >= 2019-01-01", "collection = \"drawings\"", "camera ~ \"Canon*\""] {
            let evaluator = Evaluator(space: space)
            guard case .images(let all) = try TestSpace.run("top 80 beach where \(condition)", in: evaluator)[0] else { return }
            #expect(all.hits.count > 10, "\(condition) keeps \(all.hits.count)")
            guard case .images(let ten) = try TestSpace.run("top 10 beach where \(condition)", in: evaluator)[0] else { return }
            #expect(ten.hits == Array(all.hits.prefix(10)), "\(condition)")
        }
    }
}
