import Testing
@testable import GlimpseWeb

struct ImageHeaderTests {
    @Test func pngGivesItsSize() {
        #expect(ImageHeader.read(BadRequestTests.pngHeader(width: 300, height: 200)) == ImageHeader(format: .png, width: 300, height: 200))
    }

    @Test func jpegGivesTheSizeOfItsFirstFrame() {
        // SOI, an APP0 segment of 16 bytes, then SOF0: precision 8, height 480, width 640.
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + [UInt8](repeating: 0, count: 14)
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03] + [UInt8](repeating: 0, count: 9)
        #expect(ImageHeader.read(bytes) == ImageHeader(format: .jpeg, width: 640, height: 480))
        // A Huffman table (C4) is not a frame header.
        let table: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0, 0] + [0xFF, 0xC2, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03] + [UInt8](repeating: 0, count: 9)
        #expect(ImageHeader.read(table) == ImageHeader(format: .jpeg, width: 32, height: 16))
    }

    @Test func gifAndWebPGiveTheirSizes() {
        let gif = Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00, 0, 0]
        #expect(ImageHeader.read(gif) == ImageHeader(format: .gif, width: 320, height: 240))
        var lossless = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8) + [0, 0, 0, 0, 0x2F]
        let bits: UInt32 = (99) | (49 << 14)  // 100 x 50
        withUnsafeBytes(of: bits.littleEndian) { lossless += $0 }
        lossless += [UInt8](repeating: 0, count: 8)
        #expect(ImageHeader.read(lossless) == ImageHeader(format: .webp, width: 100, height: 50))
        var extended = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        extended += [0xFF, 0x0F, 0x00, 0x9F, 0x0F, 0x00] + [UInt8](repeating: 0, count: 4)  // 4096 x 4000
        #expect(ImageHeader.read(extended) == ImageHeader(format: .webp, width: 4096, height: 4000))
    }

    @Test func otherBytesAreNoImage() {
        #expect(ImageHeader.read(Array("hello".utf8)) == nil)
        #expect(ImageHeader.read([]) == nil)
        #expect(ImageHeader.read(Array("<?xml version=\"1.0\"?>\n<svg></svg>".utf8))?.format == .svg)
        #expect(ImageHeader.read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])?.pixelCount == nil)
        #expect(ImageHeader(format: .png, width: Int.max, height: 2).pixelCount == Int.max)
    }
}
