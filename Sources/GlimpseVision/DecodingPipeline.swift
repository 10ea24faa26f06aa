import Foundation

/// Decodes files on background workers, running ahead of the caller, who takes the
/// results in order, a batch at a time, while it runs the model on the previous batch.
///
/// Workers take the next file as soon as they are free (large and small files even
/// out; no worker waits for a batch boundary) but stay within `lookahead` files of
/// what the caller has taken, which bounds the memory of decoded tensors.
final class DecodingPipeline<Value: Sendable>: @unchecked Sendable {
    // Every field below is guarded by `condition`.
    private let condition = NSCondition()
    private var slots: [Result<Value, ImageError>?]
    private var next = 0
    private var taken = 0
    private var cancelled = false
    private let lookahead: Int
    private let group = DispatchGroup()

    /// Starts `workers` background workers that call `decode(i)` for i in 0..<count, in order.
    init(count: Int, workers: Int, lookahead: Int, decode: @escaping @Sendable (Int) -> Result<Value, ImageError>) {
        precondition(workers > 0 && lookahead > 0)
        slots = Array(repeating: nil, count: count)
        self.lookahead = lookahead
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) { self.work(decode) }
        }
    }

    private func work(_ decode: (Int) -> Result<Value, ImageError>) {
        while true {
            condition.lock()
            while !cancelled && next < slots.count && next >= taken + lookahead { condition.wait() }
            guard !cancelled, next < slots.count else {
                condition.unlock()
                return
            }
            let i = next
            next += 1
            condition.unlock()
            let result = decode(i)
            condition.lock()
            slots[i] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The results of files `range` (the next ones not yet taken), waiting for them.
    func take(_ range: Range<Int>) -> [Result<Value, ImageError>] {
        condition.lock()
        defer { condition.unlock() }
        precondition(range.lowerBound == taken, "take the files in order")
        while slots[range].contains(where: { $0 == nil }) { condition.wait() }
        let results = slots[range].map { $0! }
        for i in range { slots[i] = nil }
        taken = range.upperBound
        condition.broadcast()
        return results
    }

    /// Stops the workers after the files they are decoding, and waits for them; the
    /// caller must call it once done (the workers hold the pipeline until they stop).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        group.wait()
    }
}
