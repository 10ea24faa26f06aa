import Testing
@testable import GlimpseCore

struct NumpyArrayReaderTests {
    /// A .npy file as NumPy writes it: magic, version, padded header, data.
    static func npy(descr: String, shape: String, fortran: Bool = false, data: [UInt8], major: UInt8 = 1) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        let prefix = major == 1 ? 10 : 12
        while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
        if major == 1 {
            withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { bytes += $0 }
        } else {
            withUnsafeBytes(of: UInt32(header.utf8.count).littleEndian) { bytes += $0 }
        }
        return bytes + Array(header.utf8) + data
    }

    static func f4(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    static func parse(_ bytes: [UInt8]) throws -> NumpyArray {
        try bytes.withUnsafeBytes { try NumpyArrayReader.parse($0, path: "a.npy") }
    }

    static func message(_ bytes: [UInt8]) -> String {
        do {
            _ = try parse(bytes)
            return "no error"
        } catch let error as ImportError { return error.message } catch { return "\(error)" }
    }

    @Test(arguments: [UInt8(1), 2, 3])
    func readsFloat32(major: UInt8) throws {
        let array = try Self.parse(Self.npy(descr: "<f4", shape: "(2, 3)", data: Self.f4([1, 2, 3, 4, 5, -6.5]), major: major))
        #expect(array == NumpyArray(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, -6.5]))
    }

    @Test func readsFloat16AndFloat64() throws {
        let halves: [Float16] = [1, -2, 0.5, 65504]
        let f2 = halves.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        #expect(try Self.parse(Self.npy(descr: "<f2", shape: "(2, 2)", data: f2)).values == [1, -2, 0.5, 65504])
        let doubles: [Double] = [0.25, -1e3]
        let f8 = doubles.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        #expect(try Self.parse(Self.npy(descr: "<f8", shape: "(1, 2)", data: f8)).values == [0.25, -1000])
    }

    @Test func fortranOrderIsTransposedToRows() throws {
        // Column-major 2 x 3: the file holds column 0 (1, 4), column 1 (2, 5), column 2 (3, 6).
        let array = try Self.parse(Self.npy(descr: "<f4", shape: "(2, 3)", fortran: true, data: Self.f4([1, 4, 2, 5, 3, 6])))
        #expect(array == NumpyArray(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6]))
    }

    @Test func emptyArrayAndLongShapes() throws {
        #expect(try Self.parse(Self.npy(descr: "<f4", shape: "(0, 50)", data: [])) == NumpyArray(rows: 0, columns: 50, values: []))
        #expect(try Self.parse(Self.npy(descr: "<f4", shape: "(1L, 1L)", data: Self.f4([2]))).values == [2])
    }

    @Test func clearErrors() {
        let data = Self.f4([1, 2, 3, 4])
        #expect(Self.message(Array("PK\u{3}\u{4}hello world".utf8)) == "not a NumPy .npy file (bad magic bytes)")
        #expect(Self.message(Self.npy(descr: ">f4", shape: "(2, 2)", data: data)).contains("big-endian"))
        #expect(Self.message(Self.npy(descr: "<i8", shape: "(2, 2)", data: data)).contains("dtype '<i8' is not supported"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(4,)", data: data)).contains("expected 2-D"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(2, 2, 1)", data: data)).contains("expected 2-D"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(3, 2)", data: data)).hasPrefix("truncated: shape (3, 2) needs 24 data bytes"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(1, 2)", data: data)).contains("unexpected bytes after the data"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(99999999999999999999, 2)", data: data)).contains("not a Python dict"))
        #expect(Self.message(Self.npy(descr: "<f4", shape: "(4611686018427387904, 4)", data: data)).contains("too large"))
        var badVersion = Self.npy(descr: "<f4", shape: "(2, 2)", data: data)
        badVersion[6] = 9
        #expect(Self.message(badVersion).contains("format version 9.0 is not supported"))
    }

    @Test func everyTruncationIsAnError() {
        let full = Self.npy(descr: "<f4", shape: "(2, 2)", data: Self.f4([1, 2, 3, 4]))
        for cut in 0..<full.count {
            #expect(throws: ImportError.self, "cut \(cut)") { try Self.parse(Array(full[0..<cut])) }
        }
    }
}
