import Foundation

/// Adds what cameras and photo software write into a JPEG (an EXIF block with orientation,
/// make, model and date taken; an XMP packet with keywords), byte by byte, so tests can make
/// photos with metadata from any JPEG.
public enum PhotoMetadata {
    /// `jpeg` with an EXIF APP1 segment and, when `keywords` is not empty, an XMP APP1 segment
    /// inserted after its start-of-image marker.
    public static func jpeg(_ jpeg: [UInt8], orientation: Int, make: String, model: String, taken: String, keywords: [String] = []) -> [UInt8] {
        precondition(jpeg.prefix(2) == [0xFF, 0xD8], "not a JPEG")
        var segments = segment(0xE1, Array("Exif\0\0".utf8) + exif(orientation: orientation, make: make, model: model, taken: taken))
        if !keywords.isEmpty {
            let items = keywords.map { "<rdf:li>\(escape($0))</rdf:li>" }.joined()
            let packet = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
                <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:subject><rdf:Bag>\(items)</rdf:Bag></dc:subject>\
                </rdf:Description></rdf:RDF></x:xmpmeta>
                """
            segments += segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8) + Array(packet.utf8))
        }
        var result = jpeg
        result.insert(contentsOf: segments, at: 2)
        return result
    }

    static func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
        [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A little-endian TIFF block: IFD0 with Make, Model, Orientation and the EXIF IFD, which has DateTimeOriginal.
    static func exif(orientation: Int, make: String, model: String, taken: String) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        func entry(_ tag: Int, _ type: Int, _ count: Int, _ value: [UInt8]) -> [UInt8] { u16(tag) + u16(type) + u32(count) + value }
        let make = Array((make + "\0").utf8), model = Array((model + "\0").utf8), date = Array((taken + "\0").utf8)
        let makeAt = 8 + 2 + 4 * 12 + 4, modelAt = makeAt + make.count, exifAt = modelAt + model.count + (modelAt + model.count) % 2
        let dateAt = exifAt + 2 + 12 + 4
        var tiff: [UInt8] = Array("II".utf8) + u16(42) + u32(8) + u16(4)
        tiff += entry(0x010F, 2, make.count, u32(makeAt)) + entry(0x0110, 2, model.count, u32(modelAt))
        tiff += entry(0x0112, 3, 1, u16(orientation) + u16(0)) + entry(0x8769, 4, 1, u32(exifAt)) + u32(0)
        tiff += make + model + Array(repeating: 0, count: (modelAt + model.count) % 2)
        tiff += u16(1) + entry(0x9003, 2, date.count, u32(dateAt)) + u32(0) + date
        return tiff
    }
}
