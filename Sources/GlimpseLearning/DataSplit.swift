/// A fixed train / validation / test assignment of images, with near-copies kept together.
///
/// Clip-art collections hold many near-identical images (recolourings, crops); if one
/// copy trains and the other tests, the test measures memory, not generalisation
/// (about 0.05 mAP on openclipart). So images whose feature cosine exceeds a
/// threshold are joined into groups (union-find over the pairs), and every group goes
/// to one part. The assignment is one byte per image so the space file can store it.
public struct DataSplit: Sendable, Equatable {
    public enum Part: UInt8, Sendable, CaseIterable {
        case train = 0, validation = 1, test = 2
    }

    /// The part of each image.
    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// Indices of the images in `part`, ascending.
    public func indices(_ part: Part) -> [Int] {
        parts.indices.filter { parts[$0] == part }
    }

    /// Splits images with `fractions` (train, validation, test), keeping near-copy groups whole.
    ///
    /// - Parameters:
    ///   - features: one row per image (pooled CNN features).
    ///   - strata: optional label per image (e.g. the collection); the fractions hold
    ///     within each stratum, so a small collection is not left out of the test part.
    ///   - nearCopyCosine: images above this feature cosine are near-copies.
    public static func make(features: DenseMatrix, fractions: (train: Double, validation: Double, test: Double),
                            seed: UInt64, strata: [Int]? = nil, nearCopyCosine: Float = 0.995) -> DataSplit {
        let n = features.rows
        let strata = strata ?? [Int](repeating: 0, count: n)
        precondition(strata.count == n, "one stratum per image")
        let groupOf = nearCopyGroups(features: features, threshold: nearCopyCosine)
        var members: [Int: [Int]] = [:]
        for i in 0..<n { members[groupOf[i], default: []].append(i) }
        // Visit groups in a seeded order; each goes to the part furthest below its
        // target share in the group's stratum.
        var groups = members.keys.sorted()
        var rng = SeededGenerator(seed: seed)
        rng.shuffle(&groups)
        let total = fractions.train + fractions.validation + fractions.test
        let share = [fractions.train / total, fractions.validation / total, fractions.test / total]
        var stratumSize: [Int: Int] = [:]
        for s in strata { stratumSize[s, default: 0] += 1 }
        var filled: [Int: [Int]] = [:]
        var parts = [Part](repeating: .train, count: n)
        for g in groups {
            let list = members[g]!
            let s = strata[list[0]]
            let size = Double(stratumSize[s]!)
            var counts = filled[s] ?? [0, 0, 0]
            var best = 0
            var bestDeficit = -Double.infinity
            for p in 0..<3 where share[p] > 0 {
                let deficit = share[p] * size - Double(counts[p])
                if deficit > bestDeficit { bestDeficit = deficit; best = p }
            }
            counts[best] += list.count
            filled[s] = counts
            for i in list { parts[i] = Part(rawValue: UInt8(best))! }
        }
        return DataSplit(parts: parts)
    }

    /// The half/half split of the baselines' protocol: a seeded permutation, the second half held out.
    ///
    /// Near-copies are not grouped here, on purpose: the published baselines did not.
    /// `validationFraction` of the first half becomes validation (for early stopping).
    public static func halves(count: Int, seed: UInt64, validationFraction: Double = 0.1) -> DataSplit {
        var rng = SeededGenerator(seed: seed)
        let perm = rng.permutation(count)
        let half = count / 2
        let validationCount = Int((Double(half) * validationFraction).rounded())
        var parts = [Part](repeating: .test, count: count)
        for (k, i) in perm.enumerated() where k < half {
            parts[i] = k < half - validationCount ? .train : .validation
        }
        return DataSplit(parts: parts)
    }

    /// A group id per image: the smallest index of its near-copy group.
    public static func nearCopyGroups(features: DenseMatrix, threshold: Float) -> [Int] {
        let n = features.rows
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        let unit = features.rowNormalised()
        let block = 512
        var start = 0
        while start < n {
            let rows = min(block, n - start)
            let a = DenseMatrix(rows: rows, columns: unit.columns,
                           values: Array(unit.values[(start * unit.columns)..<((start + rows) * unit.columns)]))
            let sims = LinearAlgebra.product(a, unit, transposeB: true)
            for r in 0..<rows {
                let i = start + r
                for j in (i + 1)..<max(n, i + 1) where sims.values[r * n + j] > threshold {
                    let (ri, rj) = (find(i), find(j))
                    if ri != rj { parent[max(ri, rj)] = min(ri, rj) }
                }
            }
            start += rows
        }
        return (0..<n).map { find($0) }
    }

    /// One byte per image (0 train, 1 validation, 2 test).
    public func encode() -> [UInt8] { parts.map(\.rawValue) }

    /// Reads the bytes of `encode()`; any other byte value is an error.
    public init(decoding bytes: [UInt8]) throws {
        var parts: [Part] = []
        parts.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() {
            guard let p = Part(rawValue: b) else { throw LearningError.corrupt("split: byte \(b) at image \(i) is not a part") }
            parts.append(p)
        }
        self.parts = parts
    }
}
