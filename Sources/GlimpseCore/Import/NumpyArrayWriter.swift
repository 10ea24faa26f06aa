/// Writes 2-D float32 arrays in NumPy's `.npy` format (version 1.0, little-endian,
/// C order), so Python reads Glimpse's vectors with a plain `numpy.load`.
public enum NumpyArrayWriter {
    /// The file's bytes for `values` (rows x columns, row-major).
    public static func encode(_ values: [Float], rows: Int, columns: Int) -> [UInt8] {
        precondition(values.count == rows * columns, "\(values.count) values for \(rows) x \(columns)")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        // Magic (6) + version (2) + length (2) + header + "\n" is padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(header.utf8.count)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for value in values {
            let bits = value.bitPattern.littleEndian
            bytes += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                      UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
        }
        return bytes
    }

    /// Writes the array to `path` atomically.
    public static func write(_ values: [Float], rows: Int, columns: Int, to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write(encode(values, rows: rows, columns: columns), to: path)
    }
}
