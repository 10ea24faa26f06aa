import Foundation

/// Two-dimensional float32 arrays in numpy's .npy format (version 1.0, little-endian).
///
/// The feature cache is read by Python (numpy.load) as well as by Glimpse, so it
/// uses numpy's own format rather than a private one.
public enum NumpyFile {
    /// Writes `values` (rows x columns, row-major) to `path`, atomically.
    public static func write(_ values: [Float], rows: Int, columns: Int, to path: String) throws {
        precondition(values.count == rows * columns, "\(values.count) values for \(rows) x \(columns)")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        // Magic (6) + version (2) + length (2) + header + "\n", padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBufferPointer { buffer in
            // x86-64 and arm64 are little-endian, as '<f4' says.
            data.append(UnsafeBufferPointer(start: UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: UInt8.self),
                                            count: buffer.count * 4))
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads a 2-D little-endian float32 array written by `write` or by numpy.
    public static func read(path: String) throws -> (rows: Int, columns: Int, values: [Float]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NumpyFileError(path: path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw NumpyFileError(path: path, reason: "not a .npy file")
        }
        let headerStart: Int, headerLength: Int
        switch bytes[6] {
        case 1: headerStart = 10; headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw NumpyFileError(path: path, reason: "truncated header") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default: throw NumpyFileError(path: path, reason: "unknown .npy version \(bytes[6])")
        }
        guard bytes.count >= headerStart + headerLength,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .ascii) else {
            throw NumpyFileError(path: path, reason: "truncated header")
        }
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False") else {
            throw NumpyFileError(path: path, reason: "not a C-ordered little-endian float32 array: \(header)")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw NumpyFileError(path: path, reason: "no shape in header")
        }
        let dims = header[open.upperBound..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.compactMap { Int($0) }
        guard dims.count == 2 else { throw NumpyFileError(path: path, reason: "not a 2-D array: \(dims)") }
        let start = headerStart + headerLength
        let count = dims[0] * dims[1]
        guard bytes.count - start == count * 4 else {
            throw NumpyFileError(path: path, reason: "\(bytes.count - start) data bytes for shape \(dims)")
        }
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
            initialized = count
        }
        return (dims[0], dims[1], values)
    }
}

/// A .npy file that is missing or not a 2-D float32 array.
public struct NumpyFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
