import Foundation

/// The content of the `info` section: a small JSON object, so later versions can add keys freely.
struct SpaceFileInfo: Codable, Equatable {
    var model: String
    var source: String

    /// Sorted keys and no escaped slashes: the same info always gives the same bytes.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Two plain strings cannot fail to encode.
        return Array(try! encoder.encode(self))
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> SpaceFileInfo? {
        try? JSONDecoder().decode(SpaceFileInfo.self, from: Data(bytes))
    }
}
