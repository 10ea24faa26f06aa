import Foundation
import GlimpseCore

/// README's "Past one machine" figures in one run: a synthetic space of `rows` random unit images
/// (GlimpseCore's seeded generator, as `glimpse bench`) pushed with an HNSW index, then the same
/// random queries three ways - the space file's exact scan in memory, Postgres exact (every row
/// scored) and Postgres through the index - timed one by one, with recall@k of the index against
/// exact and a check that Postgres exact lists the local rows.
public struct PostgresBenchmark: Sendable {
    public var rows: Int
    public var dimension: Int
    public var k: Int
    public var queries: Int
    public var seed: UInt64
    public var hnsw: HNSWParameters
    public var efSearch: Int
    /// The name the synthetic space is pushed under (replacing what it held).
    public var name: String

    public init(rows: Int = 1_000_000, dimension: Int = 50, k: Int = 10, queries: Int = 200, seed: UInt64 = 2026,
                hnsw: HNSWParameters = HNSWParameters(), efSearch: Int = PostgresSearchMode.defaultEfSearch, name: String = "glimpse_bench") {
        self.rows = rows
        self.dimension = dimension
        self.k = k
        self.queries = queries
        self.seed = seed
        self.hnsw = hnsw
        self.efSearch = efSearch
        self.name = name
    }

    /// Query latencies in milliseconds.
    public struct Latencies: Sendable, Equatable {
        public var p50: Double
        public var p99: Double

        init(_ seconds: [Double]) {
            let sorted = seconds.sorted()
            func quantile(_ q: Double) -> Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)] * 1000 }
            p50 = quantile(0.5)
            p99 = quantile(0.99)
        }
    }

    public struct Report: Sendable {
        public var benchmark: PostgresBenchmark
        public var push: SpacePush.Report
        public var serverVersion: String
        public var local: Latencies
        public var exact: Latencies
        public var approximate: Latencies
        /// Queries whose Postgres exact rows are the space file's.
        public var exactAgrees: Int
        /// Hits of the index found among exact's, over all hits.
        public var recall: Double

        public var text: String {
            let b = benchmark
            func row(_ name: String, _ l: Latencies) -> String {
                name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.2f %9.2f", l.p50, l.p99)
            }
            return """
                \(b.rows) images x \(b.dimension) dims, \(b.queries) queries, top \(b.k), PostgreSQL \(serverVersion)
                push: \(String(format: "%.1f", push.totalSeconds)) s (load \(String(format: "%.1f", push.loadSeconds)) s, HNSW m \(b.hnsw.m) ef_construction \(b.hnsw.efConstruction) \(String(format: "%.1f", push.indexSeconds)) s)
                search                             p50 (ms)  p99 (ms)
                \(row("space file, exact (in memory)", local))
                \(row("Postgres exact", exact))
                \(row("Postgres HNSW, ef_search \(b.efSearch)", approximate))
                recall@\(b.k) of HNSW against exact: \(String(format: "%.4f", recall))
                Postgres exact lists the space file's rows for \(exactAgrees) of \(b.queries) queries

                """
        }
    }

    /// Pushes the synthetic space to `address` and runs the queries; blocks until done.
    public func run(to address: PostgresAddress, progress: (any ProgressReporter)? = nil) throws -> Report {
        var generator = SplitMix64(seed: seed)
        let vectors = generator.unitVectors(count: rows, dimension: dimension)
        let queryVectors = generator.unitVectors(count: queries, dimension: dimension)
        let records = (0..<rows).map { ImageRecord(file: "synthetic/\($0).jpg") }
        let space = try Space(words: ["synthetic"], wordVectors: Array(queryVectors.prefix(dimension)), images: records, imageVectors: vectors,
                              dimension: dimension, model: "synthetic", source: "PostgresBenchmark seed \(seed)")
        let located = address.naming(space: name)
        let push = try SpacePush(space: space, name: name, hnsw: hnsw, progress: progress).runWaiting(to: located)
        let exactSpace = try PostgresSpace.open(located, search: .exact)
        let approximateSpace = try PostgresSpace.open(located, search: .hnsw(efSearch: efSearch))
        let local = space.imageSearch()
        let clock = ContinuousClock()
        var (localTimes, exactTimes, approximateTimes) = ([Double](), [Double](), [Double]())
        var (agrees, found) = (0, 0)
        for q in 0..<queries {
            let query = Array(queryVectors[(q * dimension)..<((q + 1) * dimension)])
            var start = clock.now
            let localHits = local.nearest(to: query, k: k)
            localTimes.append((clock.now - start).inSeconds)
            start = clock.now
            let exactHits = try exactSpace.images.nearest(to: query, k: k, excluding: [], where: nil)
            exactTimes.append((clock.now - start).inSeconds)
            start = clock.now
            let approximateHits = try approximateSpace.images.nearest(to: query, k: k, excluding: [], where: nil)
            approximateTimes.append((clock.now - start).inSeconds)
            if exactHits.map(\.index) == localHits.map(\.index) { agrees += 1 }
            found += Set(exactHits.map(\.index)).intersection(approximateHits.map(\.index)).count
        }
        return Report(benchmark: self, push: push, serverVersion: exactSpace.images.serverVersion, local: Latencies(localTimes),
                      exact: Latencies(exactTimes), approximate: Latencies(approximateTimes), exactAgrees: agrees,
                      recall: Double(found) / Double(max(1, queries * k)))
    }
}

