import Foundation
import GlimpseCore
import GlimpseLanguage

/// A notebook on disk, in the format its name's ending asks for: `.html`, one file with
/// the thumbnails embedded, or `.md`, with the thumbnails in a folder beside it
/// (`arithmetic.md` and `arithmetic_files/`). Each file is written atomically.
public enum NotebookFile {
    /// The script at `path` as a notebook's source, named by its file name alone: the
    /// notebook shows the name (as its title and in diagnostics), so where the script was
    /// run from does not change the notebook's bytes.
    public static func source(script path: String) throws(ScriptFileError) -> Source {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        return Source(name: name, text: try ScriptFile.read(path).text)
    }

    /// Whether `path` ends in a notebook format's extension (.html or .md).
    public static func isNotebook(_ path: String) -> Bool {
        path.hasSuffix(".html") || path.hasSuffix(".md")
    }

    /// Writes `notebook` to `path`, which must end in .html or .md.
    public static func write(_ notebook: Notebook, to path: String, thumbnails: (any ThumbnailSource)?) throws {
        precondition(isNotebook(path), "a notebook file ends in .html or .md")
        if path.hasSuffix(".html") {
            try AtomicFile.write(NotebookHTML(thumbnails: thumbnails).render(notebook), to: path)
            return
        }
        let stem = String(path.dropLast(3))
        let folderName = String(stem.split(separator: "/").last ?? Substring(stem)) + "_files"
        let (text, files) = NotebookMarkdown(thumbnails: thumbnails, folder: folderName).render(notebook)
        let base = SpaceLocation.folder(of: path)
        if !files.isEmpty {
            try FileManager.default.createDirectory(atPath: base + "/" + folderName, withIntermediateDirectories: true)
        }
        for file in files { try AtomicFile.write(file.bytes, to: base + "/" + file.path) }
        try AtomicFile.write(text, to: path)
    }
}
