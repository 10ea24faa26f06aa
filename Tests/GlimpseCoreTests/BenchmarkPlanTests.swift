import Testing
@testable import GlimpseCore

/// `glimpse bench`'s options as a plan: the lists read, the counts checked, the title, and a
/// run that measures every dimension at every thread count in order.
struct BenchmarkPlanTests {
    static func plan(rows: Int = 40, dimensions: String = "4, 6", threads: String = "2,1", k: Int = 3, batch: Int = 2,
                     repetitions: Int = 1) throws(OptionError) -> BenchmarkPlan {
        try BenchmarkPlan(rows: rows, dimensions: dimensions, threads: threads, k: k, batch: batch, repetitions: repetitions, seed: 7)
    }

    @Test func theListsAreCommaSeparatedPositiveNumbers() throws {
        let plan = try Self.plan()
        #expect(plan.dimensions == [4, 6] && plan.threads == [2, 1])
        #expect(plan.title == "glimpse bench: 40 random unit vectors, k 3, batch 2, median of 1; \(RowPartition.defaultThreads) cores")
        let counts = OptionError("--rows, --k, --batch and --repetitions must be at least 1")
        #expect(throws: counts) { try Self.plan(rows: 0) }
        #expect(throws: counts) { try Self.plan(k: 0) }
        #expect(throws: counts) { try Self.plan(batch: 0) }
        #expect(throws: counts) { try Self.plan(repetitions: 0) }
        let lists = OptionError("--dimensions and --threads take comma-separated positive numbers")
        #expect(throws: lists) { try Self.plan(dimensions: "") }
        #expect(throws: lists) { try Self.plan(dimensions: "50,x") }
        #expect(throws: lists) { try Self.plan(threads: "0") }
        // The counts are checked before the lists.
        #expect(throws: counts) { try Self.plan(rows: 0, threads: "x") }
    }

    @Test func aRunMeasuresEachDimensionAtEachThreadCountInOrder() throws {
        var rows: [BenchmarkRow] = []
        try Self.plan().run { rows.append($0) }
        var order: [[Int]] = []
        for row in rows where order.last != [row.dimension, row.threads] { order.append([row.dimension, row.threads]) }
        #expect(order == [[4, 2], [4, 1], [6, 2], [6, 1]])
        #expect(rows.allSatisfy { $0.same != false })
    }
}
