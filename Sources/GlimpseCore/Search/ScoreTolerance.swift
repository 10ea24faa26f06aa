/// How far an approximate score (half-precision rows, or sgemm's summation order) can be from
/// the score `ExactSearch` computes for the same row; the width of the band re-scored in float32.
///
/// Bounds are for a query of norm `queryNorm` and rows of norm at most `rowNormBound`, from
/// the standard error bound of a float sum of products: |computed - true| <= gamma * sum |x_i q_i|
/// <= gamma * |x| |q| (Cauchy-Schwarz), gamma = d * 2^-24 to first order. Both the approximate and
/// the exact computation err that way, so each bound counts the rounding twice. A factor 2 on
/// top costs a few more candidates and covers what the first-order bound leaves out.
enum ScoreTolerance {
    /// float32 rounding of one dot product of length `dimension`, per unit of |x| |q|.
    static func float32Rounding(dimension: Int) -> Float {
        Float(dimension + 8) * 0x1p-24
    }

    /// Between two float32 dot products that add the same products in different orders (sgemm vs `DotProduct`).
    static func reordered(dimension: Int, queryNorm: Float, rowNormBound: Float) -> Float {
        2 * (2 * float32Rounding(dimension: dimension) * queryNorm * rowNormBound)
    }

    /// Between a dot product with half-precision rows and one with the float32 rows they were rounded from.
    ///
    /// Rounding to half precision moves a value by at most 2^-11 of itself (2^-25 below
    /// half's normal range), so a row moves by at most 2^-11 |x| + sqrt(d) 2^-25, and its
    /// score by at most |q| times that.
    static func halfPrecision(dimension: Int, queryNorm: Float, rowNormBound: Float) -> Float {
        let quantisation = queryNorm * (0x1p-11 * rowNormBound + Float(dimension).squareRoot() * 0x1p-25)
        let rounding = 2 * float32Rounding(dimension: dimension) * queryNorm * rowNormBound * (1 + 0x1p-11)
        return 2 * (quantisation + rounding)
    }

    /// The Euclidean norm of `values`, in double precision.
    static func norm(_ values: UnsafeBufferPointer<Float>) -> Float {
        var sum: Double = 0
        for value in values { sum += Double(value) * Double(value) }
        return Float(sum.squareRoot())
    }

    /// The largest row norm of `matrix` (one pass over it), a little rounded up.
    static func largestRowNorm(_ matrix: Matrix) -> Float {
        var largest: Float = 0
        for row in 0..<matrix.rows { largest = max(largest, norm(matrix.row(row))) }
        return largest * (1 + 0x1p-20)
    }
}
