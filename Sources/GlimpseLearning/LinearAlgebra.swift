import COpenBLAS

/// The few dense kernels training needs, through OpenBLAS.
///
/// Everything heavy (forward and backward passes, Gram matrices, the ridge solve)
/// goes through these functions so that one place owns the BLAS calling conventions.
public enum LinearAlgebra {
    /// `C = alpha * op(A) * op(B) + beta * C` (row-major sgemm).
    ///
    /// `op(X)` is `X` or its transpose. `c` must already have the result's shape.
    public static func gemm(
        _ a: DenseMatrix, transposeA: Bool = false,
        _ b: DenseMatrix, transposeB: Bool = false,
        into c: inout DenseMatrix, alpha: Float = 1, beta: Float = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        precondition(c.rows == m && c.columns == n, "result must be \(m)x\(n), is \(c.rows)x\(c.columns)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(
                        CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(max(a.columns, 1)),
                        pb.baseAddress, Int32(max(b.columns, 1)),
                        beta, pc.baseAddress, Int32(max(n, 1)))
                }
            }
        }
    }

    /// `op(A) * op(B)` as a new matrix.
    public static func product(
        _ a: DenseMatrix, transposeA: Bool = false, _ b: DenseMatrix, transposeB: Bool = false
    ) -> DenseMatrix {
        var c = DenseMatrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// Solves `A X = B` for a symmetric positive-definite `A` by Cholesky (LAPACK sposv).
    ///
    /// `a` is `n x n`, `b` is `n x r`; returns `X` (`n x r`). Throws when `A` is not
    /// positive definite, which for ridge regression means the penalty is too small.
    public static func solveSymmetricPositiveDefinite(_ a: DenseMatrix, _ b: DenseMatrix) throws -> DenseMatrix {
        precondition(a.rows == a.columns && b.rows == a.rows, "solve needs A n x n and B n x r")
        let n = a.rows, r = b.columns
        // LAPACK is column-major. A is symmetric, so its row-major buffer is already
        // the column-major A; B must be transposed in and the solution out.
        var aBuffer = a.values
        var bColumnMajor = [Float](repeating: 0, count: n * r)
        for i in 0..<n { for j in 0..<r { bColumnMajor[j * n + i] = b.values[i * r + j] } }
        var info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = Int32(n), r32 = Int32(r), lda = Int32(max(n, 1)), ldb = Int32(max(n, 1))
        aBuffer.withUnsafeMutableBufferPointer { pa in
            bColumnMajor.withUnsafeMutableBufferPointer { pb in
                sposv_(&uplo, &n32, &r32, pa.baseAddress, &lda, pb.baseAddress, &ldb, &info)
            }
        }
        if info > 0 { throw LearningError.notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw LearningError.invalidArgument("sposv argument \(-info)") }
        var x = DenseMatrix(rows: n, columns: r)
        for i in 0..<n { for j in 0..<r { x.values[i * r + j] = bColumnMajor[j * n + i] } }
        return x
    }

    /// Sets the number of OpenBLAS threads (the library's own pool; 0 leaves the default).
    public static func setThreadCount(_ count: Int) {
        if count > 0 { openblas_set_num_threads(Int32(count)) }
    }

    /// The number of OpenBLAS threads in use.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS pinned to `count` threads, then restores the previous count.
    ///
    /// sgemm's last bits depend on how OpenBLAS splits the work between threads, so
    /// training pins the count to make "same seed, same bytes" hold on any machine size.
    public static func withThreadCount<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let previous = threadCount
        setThreadCount(count)
        defer { setThreadCount(previous) }
        return try body()
    }
}
