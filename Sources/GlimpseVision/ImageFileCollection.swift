import Foundation
import GlimpseCore

/// The image files of one collection with their rows of the image table: what feature
/// extraction encodes.
///
/// The table is read by `ImageTable` (TSV or JSON Lines); its file names are relative
/// to the image folder, which defaults to the table's own folder.
public struct ImageFileCollection: Sendable, Equatable {
    /// The collection's name: the stem of its feature cache files (`<name>.features.npy`).
    public var name: String
    /// The folder the table's relative file names start from.
    public var imageFolder: String
    /// The images' rows, in the table's order.
    public var table: ImageTable

    public init(name: String, imageFolder: String, table: ImageTable) {
        self.name = name
        self.imageFolder = imageFolder
        self.table = table
    }

    /// Each row's image file: its `file`, or the file under `imageFolder` when `file` is relative.
    public var paths: [String] {
        table.rows.map { row in
            row.file.hasPrefix("/") ? row.file
                : URL(fileURLWithPath: imageFolder).appendingPathComponent(row.file).standardizedFileURL.path
        }
    }

    /// Reads a collection's table (`captions`).
    ///
    /// - Parameters:
    ///   - images: the folder image paths are relative to (default: the table's folder).
    ///   - name: the collection's name (default: the table's file name without extension).
    public static func read(captions: String, images: String? = nil, name: String? = nil) throws(ImportError) -> ImageFileCollection {
        let url = URL(fileURLWithPath: captions).standardizedFileURL
        let table = try ImageTable.read(path: captions)
        let folder = images.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? url.deletingLastPathComponent().path
        return ImageFileCollection(name: name ?? url.deletingPathExtension().lastPathComponent, imageFolder: folder, table: table)
    }
}
