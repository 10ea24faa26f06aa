import Foundation

/// Writes the benchmark's vectors, queries and reference hits as .npy files for Scripts/bench_peers.py.
public enum BenchmarkExport {
    /// `base_D.npy` and `queries_D.npy` (float32) and `top_D.npy` (int64 row indices of each
    /// query's top `k`) in `folder`, D being the workload's dimension.
    public static func write(_ workload: SearchBenchmark.Workload, k: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let matrix = workload.matrix
        let d = matrix.dimension
        try NumpyArrayWriter.write(
            UnsafeBufferPointer(start: matrix.base, count: matrix.rows * d), rows: matrix.rows, columns: d, to: "\(folder)/base_\(d).npy")
        try NumpyArrayWriter.write(workload.queries.flatMap { $0 }, rows: workload.queries.count, columns: d, to: "\(folder)/queries_\(d).npy")
        // With fewer rows than k a query has fewer hits: the rest of its line is -1.
        let indices = workload.reference.flatMap { hits in (0..<k).map { $0 < hits.count ? Int64(hits[$0].index) : -1 } }
        try NumpyArrayWriter.write(indices, rows: workload.reference.count, columns: k, to: "\(folder)/top_\(d).npy")
    }
}
