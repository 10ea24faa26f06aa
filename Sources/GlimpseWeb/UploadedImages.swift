import GlimpseLanguage

/// `image("...")` for queries that come over HTTP: only photos uploaded to the page
/// (`image("upload:1a2b3c4d5e6f7a8b")`), never a file of the server's own.
struct UploadedImages: ImageEmbedding {
    let store: UploadStore

    func embed(file path: String) throws -> [Float] {
        guard path.hasPrefix(UploadStore.prefix) else { throw Refusal.serverFile }
        guard let vector = store.vector(named: path) else { throw Refusal.unknownUpload(keeps: store.capacity) }
        return vector
    }

    enum Refusal: Error, CustomStringConvertible {
        case serverFile
        case unknownUpload(keeps: Int)

        var description: String {
            switch self {
            case .serverFile:
                "image files on the server cannot be read from the web page; drop a photo on the page instead"
            case .unknownUpload(let keeps):
                "no such uploaded photo: the server keeps the last \(keeps) photos while it runs; drop it on the page again"
            }
        }
    }
}
