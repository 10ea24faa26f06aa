import Foundation

/// One collection of a space's images (the openclipart drawings, the emoji): its name and
/// its rows, which are consecutive.
public struct CollectionRows: Sendable, Equatable {
    public var name: String
    public var rows: Range<Int>

    public init(name: String, rows: Range<Int>) {
        self.name = name
        self.rows = rows
    }
}

extension Space {
    /// The collections of the images, in row order, as the image model info (section 12) of a
    /// built space lists them; nil when the space has none, or when their counts do not add up
    /// to its images.
    public var imageCollections: [CollectionRows]? { imageCollections(imageCount: imageCount) }

    /// The collections as section 12 lists them for a space of `imageCount` images, which may be
    /// kept elsewhere (a pushed space's model holds section 12 but none of its images).
    public func imageCollections(imageCount: Int) -> [CollectionRows]? {
        guard let bytes = attachment(.imageModelInfo),
              let listed = try? JSONDecoder().decode(CollectionList.self, from: Data(bytes)).collections
        else { return nil }
        var start = 0
        var collections: [CollectionRows] = []
        for collection in listed {
            guard collection.count >= 0, collection.count <= imageCount - start else { return nil }
            collections.append(CollectionRows(name: collection.name, rows: start..<(start + collection.count)))
            start += collection.count
        }
        return start == imageCount ? collections : nil
    }

    /// The part of section 12 that the core reads (SpaceFileFormat.md documents the whole).
    private struct CollectionList: Decodable {
        struct Entry: Decodable {
            var name: String
            var count: Int
        }
        var collections: [Entry]
    }
}
