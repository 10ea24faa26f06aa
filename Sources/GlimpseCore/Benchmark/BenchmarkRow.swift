import Foundation

/// One line of the search benchmark's output.
public struct BenchmarkRow: Sendable, Equatable {
    public var dimension: Int
    public var threads: Int
    public var storage: String
    public var mode: String
    public var msPerQuery: Double
    public var floorMs: Double
    public var ratio: Double
    /// Whether every result equalled the plain scan's (nil for the floor itself).
    public var same: Bool?

    public init(dimension: Int, threads: Int, storage: String, mode: String, msPerQuery: Double, floorMs: Double, ratio: Double, same: Bool?) {
        self.dimension = dimension
        self.threads = threads
        self.storage = storage
        self.mode = mode
        self.msPerQuery = msPerQuery
        self.floorMs = floorMs
        self.ratio = ratio
        self.same = same
    }

    public static let tableHeader = "engine     d    threads  storage  mode      ms/query   floor ms   ratio   same"

    public var tableLine: String {
        func fixed(_ value: Double, _ width: Int, _ decimals: Int) -> String {
            let text = String(format: "%.\(decimals)f", value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return padded("glimpse", 9) + fixed(Double(dimension), 5, 0) + fixed(Double(threads), 9, 0) + "  " + padded(storage, 9)
            + padded(mode, 9) + fixed(msPerQuery, 9, 3) + fixed(floorMs, 11, 3) + fixed(ratio, 8, 3) + "   "
            + (same.map { $0 ? "yes" : "NO" } ?? "-")
    }

    public var json: String {
        let sameText = same.map { $0 ? "true" : "false" } ?? "null"
        return """
            {"engine": "glimpse", "dimension": \(dimension), "threads": \(threads), "storage": "\(storage)", \
            "mode": "\(mode)", "ms_per_query": \(msPerQuery), "floor_ms": \(floorMs), "ratio": \(ratio), "same": \(sameText)}
            """
    }
}
