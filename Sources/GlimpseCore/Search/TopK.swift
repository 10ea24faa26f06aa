/// The best `k` hits seen so far, in a bounded heap whose root is the worst kept hit.
///
/// Ordering: score descending, ties by lower index (`Hit.ranksBefore`), so the result is
/// the same whatever order hits arrive in. `k <= 0` keeps nothing.
public struct TopK {
    public let k: Int
    fileprivate(set) var heap: [Hit] = []

    public init(k: Int) {
        self.k = max(k, 0)
        heap.reserveCapacity(min(self.k, 1 << 16))
    }

    public var count: Int { heap.count }

    /// The worst kept hit once `k` are kept: a new hit must rank before it to get in.
    public var threshold: Hit? { heap.count == k ? heap.first : nil }

    /// Whether a hit would be kept, without building it; the scan's fast path.
    @inline(__always)
    public func wouldKeep(index: Int, score: Float) -> Bool {
        if heap.count < k { return true }
        guard k > 0 else { return false }
        return Hit.ranksBefore(Hit(index: index, score: score), heap[0])
    }

    /// Offers a hit; keeps it if it is among the best `k` so far.
    public mutating func insert(index: Int, score: Float) {
        guard k > 0 else { return }
        let hit = Hit(index: index, score: score)
        if heap.count < k {
            heap.append(hit)
            siftUp(heap.count - 1)
        } else if Hit.ranksBefore(hit, heap[0]) {
            heap[0] = hit
            siftDown(0)
        }
    }

    /// The kept hits, best first.
    public func sorted() -> [Hit] {
        heap.sorted(by: Hit.ranksBefore)
    }

    // The heap is "worst at the root": a parent never ranks before its children.
    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Hit.ranksBefore(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { return }
            var worst = left
            let right = left + 1
            if right < n && Hit.ranksBefore(heap[left], heap[right]) { worst = right }
            guard Hit.ranksBefore(heap[parent], heap[worst]) else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
