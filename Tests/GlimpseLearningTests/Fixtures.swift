@testable import GlimpseLearning

/// Small synthetic data shared by the tests.
enum Fixtures {
    static func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64, scale: Float = 1) -> DenseMatrix {
        var g = SeededGenerator(seed: seed)
        return DenseMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in g.nextFloat(in: -scale, scale) })
    }

    /// A training set whose targets are a fixed nonlinear function of the features, with one duplicate caption.
    static func trainingSet(rows: Int = 40, features: Int = 8, logits: Int = 5, dimension: Int = 4, seed: UInt64 = 3) -> TrainingSet {
        let f = randomMatrix(rows, features, seed: seed)
        let l = randomMatrix(rows, logits, seed: seed + 1, scale: 3)
        let w = randomMatrix(features, dimension, seed: seed + 2)
        var t = LinearAlgebra.product(f, w)
        for k in t.values.indices { t.values[k] = tanh(t.values[k]) + 0.1 }
        for j in 0..<dimension { t[1, j] = t[0, j] }  // rows 0 and 1 share a caption
        return TrainingSet(features: f, logits: l, targets: t.rowNormalised())
    }
}

import Foundation
