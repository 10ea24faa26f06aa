import Foundation

/// Writes the benchmark's vectors, queries and reference hits as .npy files for Scripts/bench_peers.py.
public enum BenchmarkExport {
    public static func write(matrix: Matrix, queries: [Float], reference: [[Hit]], k: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let d = matrix.dimension
        try NumpyArrayWriter.write(
            UnsafeBufferPointer(start: matrix.base, count: matrix.rows * d), rows: matrix.rows, columns: d, to: "\(folder)/base_\(d).npy")
        try NumpyArrayWriter.write(queries, rows: queries.count / d, columns: d, to: "\(folder)/queries_\(d).npy")
        // With fewer rows than k a query has fewer hits: the rest of its line is -1.
        let indices = reference.flatMap { hits in (0..<k).map { $0 < hits.count ? Int64(hits[$0].index) : -1 } }
        try NumpyArrayWriter.write(indices, rows: reference.count, columns: k, to: "\(folder)/top_\(d).npy")
    }
}
