import CVipsShim
import Foundation
import Testing
@testable import GlimpseVision
import GlimpseTestSupport

/// A PNG file written sample by sample, for the kinds libvips' own writer does not make
/// (palettes, 1-4 bit grey, tRNS) and with every row filter: stored (uncompressed) deflate
/// blocks, rows filtered None, Sub, Up, Average, Paeth in turn.
struct TestPNG {
    var width: Int
    var height: Int
    /// Bits per sample: 1, 2, 4 or 8.
    var depth: Int = 8
    /// PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
    var colour: Int
    /// RGB entries of the palette (colour type 3).
    var palette: [[UInt8]] = []
    /// The tRNS chunk's body, when there is one.
    var transparency: [UInt8]?
    /// The samples of pixel (x, y): one per channel, each below 2^depth.
    var samples: (Int, Int) -> [Int]

    var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colour]! }

    func encoded() -> [UInt8] {
        let bitsPerPixel = channels * depth, bpp = max(1, bitsPerPixel / 8)
        let rowBytes = (width * bitsPerPixel + 7) / 8
        var raw: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            var row = [UInt8](repeating: 0, count: rowBytes)
            var bit = 0
            for x in 0..<width {
                for sample in samples(x, y) {
                    row[bit / 8] |= UInt8(sample << (8 - depth - bit % 8))
                    bit += depth
                }
            }
            let filter = y % 5
            raw.append(UInt8(filter))
            for i in 0..<rowBytes {
                let a = i >= bpp ? Int(row[i - bpp]) : 0, b = y > 0 ? Int(previous[i]) : 0
                let c = i >= bpp && y > 0 ? Int(previous[i - bpp]) : 0
                let predicted = switch filter {
                case 1: a
                case 2: b
                case 3: (a + b) / 2
                case 4: Self.paeth(a, b, c)
                default: 0
                }
                raw.append(UInt8((Int(row[i]) - predicted) & 255))
            }
            previous = row
        }
        var file = PNGChunks.signature
        file += PNGChunks.chunk("IHDR", PNGChunks.bigEndian(width) + PNGChunks.bigEndian(height) + [UInt8(depth), UInt8(colour), 0, 0, 0])
        if !palette.isEmpty { file += PNGChunks.chunk("PLTE", palette.flatMap { $0 }) }
        if let transparency { file += PNGChunks.chunk("tRNS", transparency) }
        let zlib = Self.storedZlib(raw)
        // Two IDAT chunks: the reader must join them.
        let half = zlib.count / 2
        file += PNGChunks.chunk("IDAT", Array(zlib[..<half])) + PNGChunks.chunk("IDAT", Array(zlib[half...]))
        file += PNGChunks.chunk("IEND", [])
        return file
    }

    func write(to path: String) throws {
        try Data(encoded()).write(to: URL(fileURLWithPath: path))
    }

    static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
    }

    /// A zlib stream of stored blocks, with its Adler-32.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let length = min(65535, data.count - start)
            let final: UInt8 = start + length == data.count ? 1 : 0
            out += [final, UInt8(length & 255), UInt8(length >> 8), UInt8(~length & 255), UInt8((~length >> 8) & 255)]
            out += data[start..<(start + length)]
            start += length
        } while start < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return out + PNGChunks.bigEndian(Int(b << 16 | a))
    }
}

@Suite struct PNGReaderTests {
    /// Whether Glimpse's own reader takes the file, with libvips (whose GLib maps the file) loaded first.
    static func readerTakes(_ path: String) throws -> Int32 {
        try VipsLibrary.start()
        return gv_png_reader_takes(path)
    }

    /// A pattern with edges, gradients and every alpha, so that rounding differences show.
    static func value(_ x: Int, _ y: Int, _ channel: Int) -> Int {
        let across: Int = x * (3 + channel)
        let down: Int = y * (7 - channel)
        let steps: Int = (x / 37) * 91
        return (across + down + steps) & 255
    }

    /// Each kind of PNG the reader takes, at a size it box-shrinks (997 x 611: factor 2,
    /// with a partial last column and row of blocks) and one it does not (150 x 90).
    static func plainPNGs(width: Int, height: Int) -> [(String, TestPNG)] {
        let palette: [[UInt8]] = (0..<200).map { (i: Int) -> [UInt8] in [UInt8(i), UInt8(255 - i), UInt8((i * 7) & 255)] }
        return [
            ("rgba", TestPNG(width: width, height: height, colour: 6) { x, y in (0..<4).map { value(x, y, $0) } }),
            ("rgb", TestPNG(width: width, height: height, colour: 2) { x, y in (0..<3).map { value(x, y, $0) } }),
            ("rgb-trns", TestPNG(width: width, height: height, colour: 2, transparency: [0, 10, 0, 20, 0, 30]) { x, y in
                (x + y) % 3 == 0 ? [10, 20, 30] : (0..<3).map { value(x, y, $0) }
            }),
            ("grey", TestPNG(width: width, height: height, colour: 0) { x, y in [value(x, y, 0)] }),
            ("grey-trns", TestPNG(width: width, height: height, colour: 0, transparency: [0, 77]) { x, y in
                [(x * y) % 5 == 0 ? 77 : value(x, y, 1)]
            }),
            ("grey-alpha", TestPNG(width: width, height: height, colour: 4) { x, y in [value(x, y, 0), value(x, y, 3)] }),
            ("grey1", TestPNG(width: width, height: height, depth: 1, colour: 0) { x, y in [(x / 3 + y / 5) & 1] }),
            ("grey2", TestPNG(width: width, height: height, depth: 2, colour: 0) { x, y in [(x + y / 2) & 3] }),
            ("grey4-trns", TestPNG(width: width, height: height, depth: 4, colour: 0, transparency: [0, 9]) { x, y in [(x ^ y) & 15] }),
            ("palette-trns", TestPNG(width: width, height: height, colour: 3, palette: palette,
                                     transparency: (0..<120).map { (i: Int) -> UInt8 in UInt8((i * 37) & 255) }) { x, y in [value(x, y, 2) % 200] }),
            ("palette4", TestPNG(width: width, height: height, depth: 4, colour: 3, palette: Array(palette[..<16])) { x, y in [(x + 2 * y) & 15] }),
            ("palette1", TestPNG(width: width, height: height, depth: 1, colour: 3, palette: [[200, 30, 30], [10, 10, 90]],
                                 transparency: [0]) { x, y in [(x / 7 + y / 7) & 1] }),
        ]
    }

    func fit(_ path: String, _ reader: ImagePreprocessor.PNGReader) throws -> [UInt8] {
        try ImagePreprocessor.efficientNetLiteFit.framedPixels(path: path, pngReader: reader)
    }

    @Test(arguments: [(997, 611), (150, 90)])
    func theReaderGivesLibvipsBytes(size: (width: Int, height: Int)) throws {
        let folder = try TemporaryFolder()
        for (name, png) in Self.plainPNGs(width: size.width, height: size.height) {
            let path = try folder.pathForWriting("\(name).png")
            try png.write(to: path)
            #expect(try Self.readerTakes(path) == 1, "\(name): the reader should take it")
            let libvips = try fit(path, .libvips)
            #expect(libvips.count == 224 * 224 * 3)
            #expect(try fit(path, .own) == libvips, "\(name) \(size)")
            #expect(try fit(path, .ownWithZlib) == libvips, "\(name) \(size), zlib")
        }
    }

    @Test func whatTheReaderLeavesToLibvipsComesOutTheSame() throws {
        let folder = try TemporaryFolder()
        // Written by libvips (compressed, its own filters), and a palette index past the
        // end of the palette (libpng's business: the reader declines).
        let written = try folder.image("written.png", width: 640, height: 480, bands: 4) { x, y in
            (0..<4).map { UInt8(Self.value(x, y, $0)) }
        }
        let outside = try folder.pathForWriting("outside.png")
        try TestPNG(width: 500, height: 500, colour: 3, palette: [[1, 2, 3], [200, 100, 0]]) { x, _ in [x % 3] }
            .write(to: outside)
        #expect(try Self.readerTakes(written) == 1)
        #expect(try Self.readerTakes(outside) == 0)
        for path in [written, outside] {
            let libvips = Result { try fit(path, .libvips) }
            let own = Result { try fit(path, .own) }
            switch (libvips, own) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(path)")
            case (.failure, .failure): break
            default: Issue.record("\(path): libvips \(libvips), own reader \(own)")
            }
        }
    }

    @Test func damagedImageDataIsStillAnError() throws {
        let folder = try TemporaryFolder()
        var bytes = TestPNG(width: 300, height: 200, colour: 6) { x, y in (0..<4).map { Self.value(x, y, $0) } }.encoded()
        let path = try folder.pathForWriting("damaged.png")
        bytes[bytes.count / 2] ^= 0x55 // inside the image data: its chunk's CRC no longer matches
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try Self.readerTakes(path) == 0)
        #expect(throws: ImageError.self) { try ImagePreprocessor.efficientNetLiteFit.pixels(path: path) }
    }

    @Test func largePNGsKeepTheirColoursThroughTheBoxShrink() throws {
        // 1400 x 700 -> box-shrunk by 3 while decoding -> 224 x 112 on white; a
        // transparent left quarter turns white.
        let folder = try TemporaryFolder()
        let red: [UInt8] = [230, 20, 20, 255], blue: [UInt8] = [20, 40, 220, 255]
        let file = try folder.image("large.png", width: 1400, height: 700, bands: 4) { x, _ in
            x < 350 ? [0, 0, 0, 0] : (x < 700 ? red : blue)
        }
        let rgb = try ImagePreprocessor.efficientNetLiteFit.pixels(path: file)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(rgb[(3 * (y * 224 + x))..<(3 * (y * 224 + x) + 3)]) }
        #expect(pixel(100, 10) == [255, 255, 255])   // padding
        #expect(pixel(20, 112) == [255, 255, 255])   // transparent
        #expect(pixel(80, 112) == [230, 20, 20])
        #expect(pixel(200, 112) == [20, 40, 220])
    }
}
