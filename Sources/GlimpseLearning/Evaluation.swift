import Foundation

/// One one-word tag query over held-out images.
public struct TagQueryResult: Sendable, Equatable {
    public var word: String
    /// Held-out images carrying the tag.
    public var relevant: Int
    public var averagePrecision: Double
    public var precisionAt10: Double

    public init(word: String, relevant: Int, averagePrecision: Double, precisionAt10: Double) {
        self.word = word
        self.relevant = relevant
        self.averagePrecision = averagePrecision
        self.precisionAt10 = precisionAt10
    }
}

/// One name query (an emoji's CLDR name) looking for its single image.
public struct NameQueryResult: Sendable, Equatable {
    public var name: String
    public var file: String
    /// Zero-based rank of the named image among the held-out candidates.
    public var rank: Int

    public init(name: String, file: String, rank: Int) {
        self.name = name
        self.file = file
        self.rank = rank
    }
}

/// Metrics of one collection's held-out images under one protocol.
public struct EvaluationSection: Sendable {
    public var collection: String
    public var candidates: Int
    public var tagQueries: [TagQueryResult]
    public var nameQueries: [NameQueryResult]

    public init(collection: String, candidates: Int, tagQueries: [TagQueryResult], nameQueries: [NameQueryResult]) {
        self.collection = collection
        self.candidates = candidates
        self.tagQueries = tagQueries
        self.nameQueries = nameQueries
    }

    public var meanAveragePrecision: Double { mean(tagQueries.map(\.averagePrecision)) }
    public var precisionAt10: Double { mean(tagQueries.map(\.precisionAt10)) }
    /// Fraction of name queries whose image ranks within the top `k`.
    public func recall(at k: Int) -> Double { mean(nameQueries.map { $0.rank < k ? 1 : 0 }) }
}

/// The result of `glimpse eval`: per-collection sections with summary and per-query rows.
public struct EvaluationReport: Sendable {
    public var title: String
    public var sections: [EvaluationSection]

    public init(title: String, sections: [EvaluationSection]) {
        self.title = title
        self.sections = sections
    }

    /// A text table; `verbose` adds one row per query.
    public func render(verbose: Bool = false) -> String {
        var out = "\(title)\n"
        out += pad("collection", 14) + pad("images", 8, right: true) + pad("tag queries", 13, right: true)
            + pad("mAP", 8, right: true) + pad("P@10", 8, right: true) + pad("names", 8, right: true)
            + pad("R@1", 8, right: true) + pad("R@5", 8, right: true) + pad("R@10", 8, right: true) + "\n"
        for s in sections {
            let hasTags = !s.tagQueries.isEmpty, hasNames = !s.nameQueries.isEmpty
            out += pad(s.collection, 14) + pad("\(s.candidates)", 8, right: true)
                + pad("\(s.tagQueries.count)", 13, right: true)
                + pad(hasTags ? f3(s.meanAveragePrecision) : "-", 8, right: true)
                + pad(hasTags ? f3(s.precisionAt10) : "-", 8, right: true)
                + pad("\(s.nameQueries.count)", 8, right: true)
                + pad(hasNames ? f3(s.recall(at: 1)) : "-", 8, right: true)
                + pad(hasNames ? f3(s.recall(at: 5)) : "-", 8, right: true)
                + pad(hasNames ? f3(s.recall(at: 10)) : "-", 8, right: true) + "\n"
        }
        guard verbose else { return out }
        for s in sections {
            if !s.tagQueries.isEmpty {
                out += "\n\(s.collection): tag queries (relevant = held-out images with the tag)\n"
                out += pad("word", 20) + pad("relevant", 10, right: true) + pad("AP", 8, right: true) + pad("P@10", 8, right: true) + "\n"
                for q in s.tagQueries {
                    out += pad(q.word, 20) + pad("\(q.relevant)", 10, right: true)
                        + pad(f3(q.averagePrecision), 8, right: true) + pad(f3(q.precisionAt10), 8, right: true) + "\n"
                }
            }
            if !s.nameQueries.isEmpty {
                out += "\n\(s.collection): name queries (rank of the named image, 1 = first)\n"
                for q in s.nameQueries {
                    out += pad(q.name, 40) + pad("\(q.rank + 1)", 8, right: true) + "  " + q.file + "\n"
                }
            }
        }
        return out
    }
}

/// Retrieval evaluation of projected images against word queries.
public enum Evaluation {
    /// Every tag word carried by at least `minimumRelevant` candidates, used as a one-word query.
    ///
    /// - Parameters:
    ///   - embeddings: candidates' unit vectors in the word space (`n x d`).
    ///   - queryWords: per candidate, the words it is relevant for.
    public static func tagQueries(embeddings: DenseMatrix, queryWords: [[String]], words: WordVectors,
                                  minimumRelevant: Int = 5) -> [TagQueryResult] {
        precondition(embeddings.rows == queryWords.count)
        var count: [String: Int] = [:]
        for ws in queryWords { for w in Set(ws) { count[w, default: 0] += 1 } }
        let queries = count.filter { $0.value >= minimumRelevant && words.index[$0.key] != nil }.keys.sorted()
        guard !queries.isEmpty else { return [] }
        let q = DenseMatrix(rows: queries.count, columns: words.dimension,
                       values: queries.flatMap { words.vector($0)! })
        let scores = LinearAlgebra.product(q, embeddings, transposeB: true)
        let sets = queryWords.map(Set.init)
        return queries.enumerated().map { k, w in
            let s = scores.row(k)
            let rel = sets.map { $0.contains(w) }
            return TagQueryResult(word: w, relevant: count[w]!,
                                  averagePrecision: RetrievalMetrics.averagePrecision(scores: s, relevant: rel),
                                  precisionAt10: RetrievalMetrics.precision(at: 10, scores: s, relevant: rel))
        }
    }

    /// Each candidate's name (phrase vector) as a query for that candidate alone; names without a known word are skipped.
    public static func nameQueries(embeddings: DenseMatrix, names: [String], files: [String], words: WordVectors) -> [NameQueryResult] {
        precondition(embeddings.rows == names.count && files.count == names.count)
        var rows: [Int] = []
        var vectors: [Float] = []
        for (i, name) in names.enumerated() {
            guard let v = words.phraseVector(name) else { continue }
            rows.append(i)
            vectors += v
        }
        guard !rows.isEmpty else { return [] }
        let scores = LinearAlgebra.product(DenseMatrix(rows: rows.count, columns: words.dimension, values: vectors),
                                           embeddings, transposeB: true)
        return rows.enumerated().map { k, i in
            NameQueryResult(name: names[i], file: files[i], rank: RetrievalMetrics.rank(of: i, scores: scores.row(k)))
        }
    }

    /// A section for the held-out images `indices` of `collection`, projected by `head`.
    ///
    /// Images without any caption word are left out of the candidates, as in the
    /// baselines. Name queries run when `nameQueries` is true (emoji). A collection with
    /// extra views is embedded through all of them, combined by `averaging`.
    public static func section(collection: ImageCollection, captions: Captions, indices: [Int], head: ProjectionHead,
                               words: WordVectors, nameQueries: Bool, minimumRelevant: Int = 5,
                               averaging: ViewAveraging = .outputs,
                               transfer: (NeighbourTransfer, memory: [Int])? = nil) throws -> EvaluationSection {
        let kept = indices.filter { captions.hasTarget[$0] }
        let sub = collection.subset(kept)
        var embedded = try head.project(sub, averaging: averaging)
        if let (t, memory) = transfer {
            embedded = try t.apply(embeddings: embedded, rows: kept, memory: memory, of: collection, captions: captions,
                                   head: head, averaging: averaging)
        }
        let tags = tagQueries(embeddings: embedded, queryWords: kept.map { captions.queryWords[$0] }, words: words,
                              minimumRelevant: minimumRelevant)
        let names = nameQueries ? Evaluation.nameQueries(embeddings: embedded, names: sub.titles, files: sub.files, words: words) : []
        return EvaluationSection(collection: collection.name, candidates: kept.count, tagQueries: tags, nameQueries: names)
    }
}

func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let gap = max(0, width - s.count)
    return right ? String(repeating: " ", count: gap) + s : s + String(repeating: " ", count: gap)
}
