/// What the first bytes of an image file say: its format and, where the header
/// holds it, its size in pixels, read without decoding anything.
///
/// The server uses it to give a served file its content type and to refuse an
/// upload that is not an image it takes, or has too many pixels, before the image
/// library sees a byte of it.
public struct ImageHeader: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case png, jpeg, gif, webp, svg

        public var mimeType: String {
            switch self {
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            case .gif: "image/gif"
            case .webp: "image/webp"
            case .svg: "image/svg+xml"
            }
        }
    }

    public var format: Format
    /// Width and height in pixels; nil when the header does not say (SVG, or a
    /// JPEG whose frame header was not found in the bytes given).
    public var width: Int?
    public var height: Int?

    public var pixelCount: Int? {
        guard let width, let height else { return nil }
        return width.multipliedReportingOverflow(by: height).overflow ? Int.max : width * height
    }

    /// The header of `bytes`, or nil when they are not a PNG, JPEG, GIF, WebP or SVG file.
    public static func read(_ bytes: [UInt8]) -> ImageHeader? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // The IHDR chunk comes first: width and height big-endian at bytes 16 and 20.
            guard bytes.count >= 24 else { return ImageHeader(format: .png) }
            return ImageHeader(format: .png, width: bigEndian(bytes, 16, 4), height: bigEndian(bytes, 20, 4))
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            let size = jpegSize(bytes)
            return ImageHeader(format: .jpeg, width: size?.width, height: size?.height)
        }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            guard bytes.count >= 10 else { return ImageHeader(format: .gif) }
            return ImageHeader(format: .gif, width: littleEndian(bytes, 6, 2), height: littleEndian(bytes, 8, 2))
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            let size = webpSize(bytes)
            return ImageHeader(format: .webp, width: size?.width, height: size?.height)
        }
        if looksLikeSVG(bytes) { return ImageHeader(format: .svg) }
        return nil
    }

    /// JPEG: walk the marker segments to the first start-of-frame (SOF0...SOF15 but
    /// DHT, JPG and DAC), which holds height then width.
    private static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { offset += 2; continue }
            let length = bigEndian(bytes, offset + 2, 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard offset + 9 <= bytes.count else { return nil }
                return (bigEndian(bytes, offset + 7, 2), bigEndian(bytes, offset + 5, 2))
            }
            if marker == 0xDA || marker == 0xD9 { return nil }  // image data or end before any frame header
            offset += 2 + length
        }
        return nil
    }

    /// WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended).
    private static func webpSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 30 else { return nil }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            return (littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF)
        case "VP8L":
            let bits = littleEndian(bytes, 21, 4)
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return (littleEndian(bytes, 24, 3) + 1, littleEndian(bytes, 27, 3) + 1)
        default:
            return nil
        }
    }

    private static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let start = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = start.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        return trimmed.hasPrefix("<svg") || (trimmed.hasPrefix("<?xml") && start.contains("<svg"))
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
