import Foundation
import Testing
@testable import GlimpseVision

@Suite struct DecodingPipelineTests {
    @Test func resultsComeInOrderWhateverFinishesFirst() {
        // Odd files are slow: workers finish out of order; batches still come in order.
        let pipeline = DecodingPipeline<Int>(count: 10, workers: 2, lookahead: 3) { i in
            if i % 2 == 1 { usleep(2000) }
            return i == 4 ? .failure(ImageError(file: "4", message: "broken")) : .success(i * i)
        }
        defer { pipeline.cancel() }
        var seen: [String] = []
        for range in [0..<3, 3..<6, 6..<9, 9..<10] {
            for result in pipeline.take(range) {
                switch result {
                case .success(let value): seen.append("\(value)")
                case .failure(let error): seen.append(error.file)
                }
            }
        }
        #expect(seen == ["0", "1", "4", "9", "4", "25", "36", "49", "64", "81"])
    }

    @Test func workersStayWithinTheLookaheadAndStopWhenCancelled() {
        let started = Counter()
        let pipeline = DecodingPipeline<Int>(count: 100, workers: 2, lookahead: 4) { i in
            started.add()
            return .success(i)
        }
        #expect(pipeline.take(0..<2).count == 2)
        usleep(50_000)
        // At most 2 taken + 4 ahead were ever started; cancel returns (no worker left waiting).
        #expect(started.value <= 6)
        pipeline.cancel()
        #expect(started.value <= 6)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
