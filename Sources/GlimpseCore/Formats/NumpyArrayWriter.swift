/// An element type the `.npy` writer knows, with its NumPy dtype.
public protocol NumpyElement: Sendable {
    /// The dtype string of the header, little-endian (`<f4`, `<i8`).
    static var numpyDescr: String { get }
}

extension Float: NumpyElement { public static var numpyDescr: String { "<f4" } }
extension Int64: NumpyElement { public static var numpyDescr: String { "<i8" } }

/// Writes 2-D arrays (float32 or int64) in NumPy's `.npy` format (version 1.0,
/// little-endian, C order), so Python reads Glimpse's vectors with a plain `numpy.load`.
///
/// Files are written atomically (`AtomicFile`); a large array is written from its own
/// memory, without a copy.
public enum NumpyArrayWriter {
    /// The file's bytes for `values` (rows x columns, row-major).
    public static func encode<Element: NumpyElement>(_ values: [Element], rows: Int, columns: Int) -> [UInt8] {
        values.withUnsafeBufferPointer { buffer in
            var bytes = header(Element.self, rows: rows, columns: columns, count: buffer.count)
            bytes += littleEndianBytes(buffer)
            return bytes
        }
    }

    /// Writes the array to `path` atomically.
    public static func write<Element: NumpyElement>(_ values: [Element], rows: Int, columns: Int,
                                                    to path: String) throws(AtomicFile.WriteError) {
        var failure: AtomicFile.WriteError?  // as below: carried out of the closure by hand
        values.withUnsafeBufferPointer { buffer in
            do throws(AtomicFile.WriteError) { try write(buffer, rows: rows, columns: columns, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes `rows` x `columns` values from memory the caller owns (a memory-mapped matrix,
    /// say) to `path` atomically.
    public static func write<Element: NumpyElement>(_ values: UnsafeBufferPointer<Element>, rows: Int, columns: Int,
                                                    to path: String) throws(AtomicFile.WriteError) {
        let head = header(Element.self, rows: rows, columns: columns, count: values.count)
        #if _endian(little)
        // withUnsafeBytes rethrows untyped errors, so carry the typed one out by hand.
        var failure: AtomicFile.WriteError?
        head.withUnsafeBytes { headBytes in
            do throws(AtomicFile.WriteError) {
                try AtomicFile.write(parts: [headBytes, UnsafeRawBufferPointer(values)], to: path)
            } catch { failure = error }
        }
        if let failure { throw failure }
        #else
        try AtomicFile.write(head + littleEndianBytes(values), to: path)
        #endif
    }

    /// Magic, version 1.0, header length and the header dictionary, padded with spaces
    /// and a newline so that the data starts on a multiple of 64 bytes, as NumPy does.
    private static func header<Element: NumpyElement>(_: Element.Type, rows: Int, columns: Int, count: Int) -> [UInt8] {
        precondition(count == rows * columns, "\(count) values for \(rows) x \(columns)")
        var text = "{'descr': '\(Element.numpyDescr)', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        // Magic (6) + version (2) + length (2) + header + "\n" is padded to a multiple of 64.
        let unpadded = 10 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(text.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8)
    }

    /// The values' bytes in little-endian order.
    private static func littleEndianBytes<Element: NumpyElement>(_ values: UnsafeBufferPointer<Element>) -> [UInt8] {
        let bytes = Array(UnsafeRawBufferPointer(values))
        #if _endian(little)
        return bytes
        #else
        let size = MemoryLayout<Element>.size
        return stride(from: 0, to: bytes.count, by: size).flatMap { bytes[$0..<($0 + size)].reversed() }
        #endif
    }
}
