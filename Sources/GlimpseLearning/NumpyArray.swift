import Foundation

/// Reads and writes 2-D little-endian float32 `.npy` files (the feature cache format).
///
/// Only what the cache uses: dtype `<f4`, C order, one or two dimensions. Anything
/// else is a clear error rather than a misread.
public enum NumpyArray {
    /// Parses `.npy` bytes into a matrix (a 1-D array becomes one row).
    public static func decode(_ bytes: [UInt8], name: String = ".npy") throws -> Matrix {
        let prefix: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, Array(bytes[0..<6]) == prefix else {
            throw LearningError.badInput("\(name): not a .npy file")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw LearningError.badInput("\(name): truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw LearningError.badInput("\(name): unsupported .npy version \(major)")
        }
        guard headerStart + headerLength <= bytes.count,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw LearningError.badInput("\(name): truncated header")
        }
        guard header.contains("'descr': '<f4'") else {
            throw LearningError.badInput("\(name): only little-endian float32 is supported (header \(header))")
        }
        guard header.contains("'fortran_order': False") else {
            throw LearningError.badInput("\(name): Fortran-ordered arrays are not supported")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw LearningError.badInput("\(name): header has no shape")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { Int($0) }
        guard dims.allSatisfy({ $0 != nil && $0! >= 0 }), (1...2).contains(dims.count) else {
            throw LearningError.badInput("\(name): unsupported shape (\(header[open.upperBound..<close]))")
        }
        let rows = dims.count == 2 ? dims[0]! : 1
        let columns = dims.count == 2 ? dims[1]! : dims[0]!
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart == rows * columns * 4 else {
            throw LearningError.badInput("\(name): expected \(rows * columns * 4) data bytes, found \(bytes.count - dataStart)")
        }
        var values = [Float](repeating: 0, count: rows * columns)
        bytes.withUnsafeBytes { raw in
            for i in 0..<values.count {
                values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 4 * i, as: UInt32.self)))
            }
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// Reads a `.npy` file.
    public static func read(path: String) throws -> Matrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LearningError.badInput("cannot read \(path)")
        }
        return try decode([UInt8](data), name: path)
    }

    /// Encodes a matrix as a version-1 `.npy` (shape `(rows, columns)`).
    public static func encode(_ m: Matrix) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(m.rows), \(m.columns)), }"
        // The data must start on a 64-byte boundary; the header ends with a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var w = ByteWriter()
        w.append(bytes: [0x93] + Array("NUMPY".utf8) + [1, 0])
        w.append(UInt16(header.utf8.count))
        w.append(bytes: Array(header.utf8))
        w.append(m.values)
        return w.bytes
    }

    /// Writes a matrix as a `.npy` file.
    public static func write(_ m: Matrix, path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(encode(m))) else {
            throw LearningError.badInput("cannot write \(path)")
        }
    }
}
