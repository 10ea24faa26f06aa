import Foundation
import GlimpseCore

/// Photos dropped on the page, kept by content hash with their vectors, so a query
/// names one as `image("upload:1a2b3c4d5e6f7a8b")` and a link to it keeps working
/// while the server runs.
///
/// Bounded: at most `capacity` photos, the least recently used dropped first. The
/// files live in a folder of the store's own, removed with it. One photo is embedded
/// at a time, so uploads cannot take every core from the searches.
final class UploadStore: @unchecked Sendable {
    static let prefix = "upload:"

    struct Upload {
        var file: String
        var header: ImageHeader
        var vector: [Float]
        var lastUse: UInt64
    }

    let folder: String
    let capacity: Int
    private let lock = NSLock()
    private let embedding = NSLock()
    private var uploads: [String: Upload] = [:]
    private var uses: UInt64 = 0

    init(capacity: Int) throws {
        self.capacity = max(1, capacity)
        var template = Array((NSTemporaryDirectory() + "/glimpse-uploads-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot make a folder for uploads in \(NSTemporaryDirectory())"])
        }
        folder = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The name a query gives these bytes: `upload:` and 16 hex digits of their xxHash64.
    static func name(of bytes: [UInt8]) -> String {
        let hex = String(XXHash64.hash(bytes), radix: 16)
        return prefix + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Keeps `bytes` (an image whose header is `header`) and its vector from
    /// `embed(path)`, unless the same bytes are kept already; returns its name.
    func add(_ bytes: [UInt8], header: ImageHeader, embed: (String) throws -> [Float]) throws -> String {
        let name = UploadStore.name(of: bytes)
        if touch(name) { return name }
        embedding.lock()
        defer { embedding.unlock() }
        if touch(name) { return name }  // the same photo, uploaded while this one waited
        let file = folder + "/" + name.dropFirst(UploadStore.prefix.count) + "." + header.format.rawValue
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let vector: [Float]
        do {
            vector = try embed(file)
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
        lock.lock()
        defer { lock.unlock() }
        uses += 1
        uploads[name] = Upload(file: file, header: header, vector: vector, lastUse: uses)
        while uploads.count > capacity, let oldest = uploads.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            uploads[oldest.key] = nil
            try? FileManager.default.removeItem(atPath: oldest.value.file)
        }
        return name
    }

    /// The vector of the photo called `name`, if it is kept.
    func vector(named name: String) -> [Float]? {
        lock.lock()
        defer { lock.unlock() }
        guard var upload = uploads[name] else { return nil }
        uses += 1
        upload.lastUse = uses
        uploads[name] = upload
        return upload.vector
    }

    /// Whether the photo called `name` is kept.
    func contains(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return uploads[name] != nil
    }

    /// The bytes and header of the photo called `name`, to show it on the page.
    func picture(named name: String) -> (bytes: [UInt8], header: ImageHeader)? {
        lock.lock()
        let upload = uploads[name]
        lock.unlock()
        guard let upload, let data = FileManager.default.contents(atPath: upload.file) else { return nil }
        return ([UInt8](data), upload.header)
    }

    private func touch(_ name: String) -> Bool {
        vector(named: name) != nil
    }
}
