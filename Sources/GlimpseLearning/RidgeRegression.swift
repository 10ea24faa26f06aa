/// Ridge regression from (z-scored) CNN outputs to caption targets, in closed form: the baseline head.
///
/// `W = (XᵀX + λI)⁻¹ XᵀY` on centred, unit-variance inputs, so the bias is the mean
/// target and is not penalised. The result is a one-layer `ProjectionHead` whose
/// output is L2-normalised (only directions matter for cosine retrieval).
public enum RidgeRegression {
    /// Fits one head per penalty, sharing the Gram matrix (cheap to sweep λ on validation).
    public static func fit(_ data: TrainingSet, input: ProjectionHead.Input, penalties: [Float]) throws -> [ProjectionHead] {
        precondition(data.count > 0, "ridge needs training rows")
        let raw = try ProjectionHead.rawInput(input, features: data.features, logits: data.logits,
                                              featureDimension: data.features.columns,
                                              logitDimension: data.logits?.columns ?? 0)
        let (mean, inverseScale) = raw.columnStatistics()
        let x = raw.standardised(mean: mean, inverseScale: inverseScale)
        let gram = LinearAlgebra.product(x, transposeA: true, x)
        let xty = LinearAlgebra.product(x, transposeA: true, data.targets)
        let d = data.targets.columns
        var targetMean = [Float](repeating: 0, count: d)
        for i in 0..<data.count { for j in 0..<d { targetMean[j] += data.targets[i, j] } }
        targetMean = targetMean.map { $0 / Float(data.count) }
        return try penalties.map { lambda in
            var a = gram
            for i in 0..<a.rows { a[i, i] += lambda }
            let w = try LinearAlgebra.solveSymmetricPositiveDefinite(a, xty)
            return ProjectionHead(
                input: input, featureDimension: data.features.columns,
                logitDimension: input == .featuresAndProbabilities ? (data.logits?.columns ?? 0) : 0,
                mean: mean, inverseScale: inverseScale,
                layers: [.init(weights: w, bias: targetMean, activation: .identity)],
                summary: "ridge regression, lambda \(lambda), \(data.count) images, input \(input == .features ? "features" : "features+probabilities")")
        }
    }

    /// Fits one head with penalty `lambda`.
    public static func fit(_ data: TrainingSet, input: ProjectionHead.Input, penalty lambda: Float) throws -> ProjectionHead {
        try fit(data, input: input, penalties: [lambda])[0]
    }
}
