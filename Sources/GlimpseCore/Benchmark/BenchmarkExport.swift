import Foundation

/// Writes the benchmark's vectors, queries and reference hits as .npy files for Scripts/bench_peers.py.
public enum BenchmarkExport {
    public static func write(matrix: Matrix, queries: [Float], reference: [[Hit]], k: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let d = matrix.dimension
        try writeArray(
            UnsafeRawBufferPointer(start: matrix.base, count: matrix.rows * d * 4), descr: "<f4",
            shape: (matrix.rows, d), to: "\(folder)/base_\(d).npy")
        try queries.withUnsafeBytes {
            try writeArray($0, descr: "<f4", shape: (queries.count / d, d), to: "\(folder)/queries_\(d).npy")
        }
        // With fewer rows than k a query has fewer hits: the rest of its line is -1.
        let indices = reference.flatMap { hits in (0..<k).map { $0 < hits.count ? Int64(hits[$0].index) : -1 } }
        try indices.withUnsafeBytes {
            try writeArray($0, descr: "<i8", shape: (reference.count, k), to: "\(folder)/top_\(d).npy")
        }
    }

    /// A C-order .npy (format 1.0) with the given dtype and 2-D shape; `bytes` are little-endian already.
    static func writeArray(_ bytes: UnsafeRawBufferPointer, descr: String, shape: (Int, Int), to path: String) throws {
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(shape.0), \(shape.1)), }"
        // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = header.utf8.count
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        guard FileManager.default.createFile(atPath: path, contents: data),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw AtomicFile.WriteError(path: path, operation: "create it", message: "not writable") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        if let base = bytes.baseAddress, bytes.count > 0 {
            try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }
}
