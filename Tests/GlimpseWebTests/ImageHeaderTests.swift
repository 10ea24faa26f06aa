import Testing
@testable import GlimpseWeb

struct ImageHeaderTests {
    @Test func pngGivesItsSize() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += [0, 0, 0x01, 0x2C, 0, 0, 0, 0xC8]  // 300 x 200
        #expect(ImageHeader.read(bytes) == ImageHeader(format: .png, width: 300, height: 200))
    }
}
