import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Contiguous, in-order slices of a matrix's rows, one per thread, and the way to run them.
public enum RowPartition {
    /// `count` rows split into `parts` contiguous ranges of near-equal size, in row order.
    /// Splits are rounded to multiples of 64 rows so no two threads write near the same cache line of
    /// any per-row output.
    static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, max(count, 1)))
        var result: [Range<Int>] = []
        result.reserveCapacity(parts)
        var start = 0
        for part in 0..<parts {
            var end = part == parts - 1 ? count : count * (part + 1) / parts
            if part < parts - 1 { end = min(count, (end + 63) & ~63) }
            end = max(end, start)
            result.append(start..<end)
            start = end
        }
        return result
    }

    /// Runs `body(part)` for every part: inline for one part (no thread hand-off), on Dispatch's
    /// worker threads otherwise. Returns when all have finished.
    static func run(parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 {
            body(0)
        } else {
            // Callers hand each part its own slot of a result buffer, so the parts share nothing
            // mutable; the box only tells the compiler what it cannot see.
            withoutActuallyEscaping(body) { body in
                let shared = SharedBody(body: body)
                DispatchQueue.concurrentPerform(iterations: parts) { shared.body($0) }
            }
        }
    }

    private struct SharedBody: @unchecked Sendable {
        let body: (Int) -> Void
    }

    /// The number of threads to use when the caller asks for none in particular: one per core.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
