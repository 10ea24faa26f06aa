import Foundation
import Testing
import GlimpseTestSupport
@testable import GlimpseCore

struct NumpyArrayWriterTests {
    @Test func roundTripsAndAlignsTheHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let values: [Float] = (0..<6).map { Float($0) * 0.5 - 1 }
        let file = folder.file("a.npy")
        try NumpyArrayWriter.write(values, rows: 2, columns: 3, to: file)
        let written = bytes(of: file)
        #expect((written.count - 24) % 64 == 0)  // numpy's rule: data starts on a 64-byte boundary
        #expect(written == NumpyArrayReaderTests.npy(descr: "<f4", shape: "(2, 3)", data: NumpyArrayReaderTests.f4(values)))
        let read = try NumpyArrayReader.read(path: file)
        #expect(read.rows == 2 && read.columns == 3 && read.values == values)
    }

    @Test func writesInt64AndFromMemoryItDoesNotOwn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let indices: [Int64] = [0, 1, -1, 1 << 40, 7, 8]
        try NumpyArrayWriter.write(indices, rows: 3, columns: 2, to: folder.file("i.npy"))
        let data = indices.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        #expect(bytes(of: folder.file("i.npy")) == NumpyArrayReaderTests.npy(descr: "<i8", shape: "(3, 2)", data: data))

        let matrix = Matrix(copying: [1, 2, 3, 4, 5, 6], dimension: 3)
        try NumpyArrayWriter.write(UnsafeBufferPointer(start: matrix.base, count: 6), rows: 2, columns: 3, to: folder.file("m.npy"))
        #expect(bytes(of: folder.file("m.npy")) == NumpyArrayWriter.encode(matrix.values, rows: 2, columns: 3))
        #expect(try NumpyArrayReader.read(path: folder.file("m.npy")).values == matrix.values)
    }

    @Test func writingIntoAMissingFolderIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: AtomicFile.WriteError.self) {
            try NumpyArrayWriter.write([Float(1)], rows: 1, columns: 1, to: folder.file("no/such/folder/a.npy"))
        }
    }
}
