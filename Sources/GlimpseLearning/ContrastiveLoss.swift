import Foundation

/// Losses between a batch of projected images and their caption targets, with their gradients.
///
/// Both take unit image vectors `u` (`B x d`) and unit targets `t` (`B x d`), row `i`
/// of each belonging together, and return the loss with `∂loss/∂u`. Rows whose
/// caption ids are equal are never each other's negatives: identical captions are
/// not a mistake to push apart.
public enum ContrastiveLoss: Sendable, Equatable {
    /// Symmetric InfoNCE (image→caption and caption→image cross-entropy) at a fixed temperature.
    case infoNCE(temperature: Float)
    /// The origin's ranking loss: hinge `max(0, margin - u·t⁺ + u·t⁻)` over the batch's
    /// "soft" negatives, captions whose cosine to the positive is below `softBelow`.
    case triplet(margin: Float, softBelow: Float)
    /// Symmetric InfoNCE whose targets are not one-hot: each row's target distribution is
    /// `(1 - weight) * onehot + weight * softmax_j(t_i · t_j / targetTemperature)`, so images
    /// with similar captions are partly positives (multi-positive contrastive loss).
    case softInfoNCE(temperature: Float, targetTemperature: Float, weight: Float)

    /// Loss and gradient with respect to `u`.
    public func evaluate(u: DenseMatrix, targets t: DenseMatrix, captionIDs ids: [Int]) -> (loss: Double, gradient: DenseMatrix) {
        switch self {
        case .infoNCE(let temperature): return Self.infoNCE(u: u, t: t, ids: ids, temperature: temperature)
        case .triplet(let margin, let softBelow): return Self.triplet(u: u, t: t, ids: ids, margin: margin, softBelow: softBelow)
        case .softInfoNCE(let temperature, let targetTemperature, let weight):
            return Self.softInfoNCE(u: u, t: t, ids: ids, temperature: temperature, targetTemperature: targetTemperature, weight: weight)
        }
    }

    static func infoNCE(u: DenseMatrix, t: DenseMatrix, ids: [Int], temperature: Float) -> (loss: Double, gradient: DenseMatrix) {
        let b = u.rows
        var s = LinearAlgebra.product(u, t, transposeB: true)  // s[i][j] = u_i · t_j
        let inv = 1 / temperature
        for k in s.values.indices { s.values[k] *= inv }
        // Masked pairs (same caption, i != j) leave both softmaxes.
        func masked(_ i: Int, _ j: Int) -> Bool { i != j && ids[i] == ids[j] }
        var rowP = DenseMatrix(rows: b, columns: b)
        var colP = DenseMatrix(rows: b, columns: b)
        var loss = 0.0
        for i in 0..<b {
            var mx = -Float.infinity
            for j in 0..<b where !masked(i, j) { mx = max(mx, s[i, j]) }
            var z: Double = 0
            for j in 0..<b where !masked(i, j) { let e = exp(Double(s[i, j] - mx)); rowP[i, j] = Float(e); z += e }
            for j in 0..<b { rowP[i, j] = Float(Double(rowP[i, j]) / z) }
            loss -= Double(s[i, i] - mx) - log(z)
        }
        for j in 0..<b {
            var mx = -Float.infinity
            for i in 0..<b where !masked(i, j) { mx = max(mx, s[i, j]) }
            var z: Double = 0
            for i in 0..<b where !masked(i, j) { let e = exp(Double(s[i, j] - mx)); colP[i, j] = Float(e); z += e }
            for i in 0..<b { colP[i, j] = Float(Double(colP[i, j]) / z) }
            loss -= Double(s[j, j] - mx) - log(z)
        }
        loss /= Double(2 * b)
        // ∂loss/∂s = (rowP - I + colP - I) / 2B; then ∂s/∂u = t / temperature.
        var ds = DenseMatrix(rows: b, columns: b)
        let scale = 1 / Float(2 * b)
        for i in 0..<b {
            for j in 0..<b {
                ds[i, j] = (rowP[i, j] + colP[i, j] - (i == j ? 2 : 0)) * scale * inv
            }
        }
        return (loss, LinearAlgebra.product(ds, t))
    }

    static func softInfoNCE(u: DenseMatrix, t: DenseMatrix, ids: [Int], temperature: Float, targetTemperature: Float,
                            weight: Float) -> (loss: Double, gradient: DenseMatrix) {
        let b = u.rows
        var s = LinearAlgebra.product(u, t, transposeB: true)
        let inv = 1 / temperature
        for k in s.values.indices { s.values[k] *= inv }
        let tt = LinearAlgebra.product(t, t, transposeB: true)  // symmetric
        func masked(_ i: Int, _ j: Int) -> Bool { i != j && ids[i] == ids[j] }
        // Targets: q[i][j] over the unmasked j of row i (the same for columns, tt being symmetric).
        var q = DenseMatrix(rows: b, columns: b)
        for i in 0..<b {
            var mx = -Float.infinity
            for j in 0..<b where !masked(i, j) { mx = max(mx, tt[i, j] / targetTemperature) }
            var z: Double = 0
            for j in 0..<b where !masked(i, j) { let e = exp(Double(tt[i, j] / targetTemperature - mx)); q[i, j] = Float(e); z += e }
            for j in 0..<b { q[i, j] = weight * Float(Double(q[i, j]) / z) + (i == j ? 1 - weight : 0) }
        }
        var ds = DenseMatrix(rows: b, columns: b)
        var loss = 0.0
        let scale = inv / Float(2 * b)
        for pass in 0..<2 {
            // pass 0: rows (image -> caption), pass 1: columns (caption -> image); q is symmetric in its mask.
            for i in 0..<b {
                var mx = -Float.infinity
                for j in 0..<b where !masked(i, j) { mx = max(mx, pass == 0 ? s[i, j] : s[j, i]) }
                var p = [Double](repeating: 0, count: b)
                var z: Double = 0
                for j in 0..<b where !masked(i, j) { p[j] = exp(Double((pass == 0 ? s[i, j] : s[j, i]) - mx)); z += p[j] }
                let logZ = log(z)
                for j in 0..<b where !masked(i, j) {
                    let sij = Double((pass == 0 ? s[i, j] : s[j, i]) - mx)
                    loss -= Double(q[i, j]) * (sij - logZ)
                    let g = (Float(p[j] / z) - q[i, j]) * scale
                    if pass == 0 { ds[i, j] += g } else { ds[j, i] += g }
                }
            }
        }
        return (loss / Double(2 * b), LinearAlgebra.product(ds, t))
    }

    static func triplet(u: DenseMatrix, t: DenseMatrix, ids: [Int], margin: Float, softBelow: Float) -> (loss: Double, gradient: DenseMatrix) {
        let b = u.rows, d = u.columns
        let s = LinearAlgebra.product(u, t, transposeB: true)
        let tt = LinearAlgebra.product(t, t, transposeB: true)
        var coefficient = DenseMatrix(rows: b, columns: b)  // ∂loss/∂s
        var loss = 0.0
        var pairs = 0
        for i in 0..<b {
            for j in 0..<b where j != i && ids[i] != ids[j] && tt[i, j] < softBelow {
                pairs += 1
                let h = margin - s[i, i] + s[i, j]
                if h > 0 {
                    loss += Double(h)
                    coefficient[i, i] -= 1
                    coefficient[i, j] += 1
                }
            }
        }
        guard pairs > 0 else { return (0, DenseMatrix(rows: b, columns: d)) }
        for k in coefficient.values.indices { coefficient.values[k] /= Float(pairs) }
        return (loss / Double(pairs), LinearAlgebra.product(coefficient, t))
    }
}
