import ArgumentParser
import GlimpseCore
import GlimpsePostgres
import GlimpseShell

/// `glimpse bench`: times exact search on random unit vectors against the memory-read
/// floor, in one run (`SearchBenchmark` measures).
struct BenchCommand: GlimpseTask {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time exact top-k search on random unit vectors against the memory-read floor.",
        discussion: """
            For each dimension, builds --rows random unit vectors in memory and times, for
            each thread count: one streaming read of the vectors (the floor), single
            queries with float32 and float16 storage, and batches of --batch queries
            (OpenBLAS sgemm). Every fast path is checked against the plain scan (column
            'same').

            The rows 'where1%' and 'where50%' time a query with a filter, as `top K q where
            tag = "t7"` runs it: the rows of a tag that 1% (or 50%) of the vectors have,
            from the tag index, then the search among them. They are timed against the
            unfiltered float32 query, not the floor: their 'floor ms' column is that
            query's time and 'ratio' is filtered / unfiltered, so below 1 is faster.

              glimpse bench
              glimpse bench --rows 200000 --dimensions 50 --json
              glimpse bench --export /tmp/vectors    # .npy files for Scripts/bench_peers.py
            """)

    @Option(help: "Vectors per space.") var rows = 1_000_000
    @Option(help: ArgumentHelp("Dimensions to run, comma-separated.", valueName: "list")) var dimensions = "50,256"
    @Option(help: ArgumentHelp("Thread counts to run, comma-separated.", valueName: "list")) var threads = "1,2"
    @Option(help: "Hits per query.") var k = 10
    @Option(help: "Queries per batch (and distinct queries to time).") var batch = 64
    @Option(help: "Timed repetitions per row (the median is reported).") var repetitions = 15
    @Option(help: "Seed for the random vectors.") var seed: UInt64 = 2026

    // Not `--format`: the root command's query options take that name before a subcommand sees it.
    @Flag(help: "Print one JSON object per row instead of a table.") var json = false
    @Option(help: ArgumentHelp(
        "Also write base_D.npy, queries_D.npy (float32) and top_D.npy (int64 row indices of each query's top k) to this folder.",
        valueName: "folder"))
    var export: String?

    @Option(help: ArgumentHelp("Push the first dimension's space to this Postgres URL (with an HNSW index) and time exact, HNSW and local queries instead.",
                               valueName: "url", visibility: .hidden)) var postgres: String?

    func plan() throws(OptionError) -> BenchmarkPlan {
        try BenchmarkPlan(rows: rows, dimensions: dimensions, threads: threads, k: k, batch: batch, repetitions: repetitions, seed: seed)
    }

    func validate() throws { do { _ = try plan() } catch { throw ValidationError(error.message) } }

    func perform() throws {
        let plan = try plan()
        if let postgres {
            let benchmark = PostgresBenchmark(rows: rows, dimension: plan.dimensions[0], k: k, queries: batch, seed: seed)
            print(try benchmark.run(to: try PostgresAddress(parsing: postgres), progress: TerminalProgressBar.onStandardError()).text, terminator: "")
            return
        }
        if !json { print(plan.title + "\n" + BenchmarkRow.tableHeader) }
        try plan.run(exportFolder: export) { print(json ? $0.json : $0.tableLine) }
    }
}
