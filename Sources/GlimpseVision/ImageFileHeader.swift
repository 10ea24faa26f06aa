import CVipsShim
import Foundation

/// What an image file's header says, read without decoding its pixels: its size, EXIF
/// orientation, camera and date taken, and the keywords it carries (XMP `dc:subject`, IPTC).
public struct ImageFileHeader: Sendable, Equatable {
    /// The stored pixel size, before the orientation is applied.
    public var storedWidth: Int
    public var storedHeight: Int
    /// EXIF orientation, 1 (as stored) to 8; 5-8 turn the picture a quarter.
    public var orientation: Int
    /// EXIF Make and Model, as the camera wrote them.
    public var make: String?
    public var model: String?
    /// EXIF DateTimeOriginal as written: `2019:06:01 12:00:00`.
    public var taken: String?
    /// Keywords from the XMP `dc:subject` list and the IPTC keywords, in order, without repeats.
    public var keywords: [String]

    /// The pixel size as the picture is seen: orientations 5-8 swap width and height.
    public var width: Int { orientation >= 5 ? storedHeight : storedWidth }
    public var height: Int { orientation >= 5 ? storedWidth : storedHeight }

    /// The camera as one name: `Canon EOS 5D`, the make left out when the model already starts with it.
    public var camera: String? {
        let make = make?.trimmingCharacters(in: .whitespaces) ?? "", model = model?.trimmingCharacters(in: .whitespaces) ?? ""
        if model.isEmpty { return make.isEmpty ? nil : make }
        if make.isEmpty || model.lowercased().hasPrefix(make.lowercased()) { return model }
        return make + " " + model
    }

    /// Reads the header of the file at `path` (libvips reads headers lazily); a file libvips
    /// does not recognise as an image is an error.
    public static func read(path: String) throws -> ImageFileHeader {
        try VipsLibrary.start()
        var header = GVImageHeader()
        guard gv_read_header(path, &header) == 0 else {
            throw VipsLibrary.error(file: path, fallback: "not an image libvips can read")
        }
        defer { gv_header_clear(&header) }
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
        }
        func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
            pointer.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
        }
        var keywords = ImageKeywords.xmpSubjects(bytes(header.xmp, header.xmp_length))
        for keyword in ImageKeywords.iptcKeywords(bytes(header.iptc, header.iptc_length)) where !keywords.contains(keyword) {
            keywords.append(keyword)
        }
        return ImageFileHeader(storedWidth: Int(header.width), storedHeight: Int(header.height), orientation: Int(header.orientation),
                               make: text(header.make), model: text(header.model), taken: text(header.taken), keywords: keywords)
    }
}

/// Keywords that photo software writes into image files.
enum ImageKeywords {
    /// The `rdf:li` items of an XMP packet's `dc:subject` bag.
    static func xmpSubjects(_ packet: [UInt8]) -> [String] {
        guard !packet.isEmpty else { return [] }
        let text = String(decoding: packet, as: UTF8.self)
        guard let open = text.range(of: "<dc:subject"), let close = text.range(of: "</dc:subject>", range: open.upperBound..<text.endIndex)
        else { return [] }
        var keywords: [String] = []
        var rest = text[open.upperBound..<close.lowerBound]
        while let start = rest.range(of: "<rdf:li"), let tagEnd = rest.range(of: ">", range: start.upperBound..<rest.endIndex),
              let end = rest.range(of: "</rdf:li>", range: tagEnd.upperBound..<rest.endIndex) {
            let keyword = unescape(String(rest[tagEnd.upperBound..<end.lowerBound])).trimmingCharacters(in: .whitespacesAndNewlines)
            if !keyword.isEmpty, !keywords.contains(keyword) { keywords.append(keyword) }
            rest = rest[end.upperBound...]
        }
        return keywords
    }

    /// IPTC-IIM record 2, dataset 25 (Keywords): each a tag `1C 02 19`, a big-endian length, the text.
    static func iptcKeywords(_ block: [UInt8]) -> [String] {
        var keywords: [String] = []
        var i = 0
        while i + 5 <= block.count {
            if block[i] == 0x1C, block[i + 1] == 0x02, block[i + 2] == 0x19 {
                let length = Int(block[i + 3]) << 8 | Int(block[i + 4])
                let start = i + 5
                guard length < 0x8000, start + length <= block.count else { break }
                let keyword = String(decoding: block[start..<(start + length)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if !keyword.isEmpty, !keywords.contains(keyword) { keywords.append(keyword) }
                i = start + length
            } else {
                i += 1
            }
        }
        return keywords
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
