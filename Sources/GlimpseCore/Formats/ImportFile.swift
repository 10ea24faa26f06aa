/// Maps an input file for an importer, turning system errors into `ImportError`.
enum ImportFile {
    static func map(_ path: String) throws(ImportError) -> ByteStorage {
        switch MappedFile.map(path: path) {
        case .success(let storage): return storage
        case .failure(let error):
            if case let .system(operation, message) = error.problem {
                throw ImportError(path: path, message: "cannot \(operation): \(message)")
            }
            throw ImportError(path: path, message: "\(error.problem)")
        }
    }
}
