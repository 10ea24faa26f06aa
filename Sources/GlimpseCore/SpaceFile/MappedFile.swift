#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only memory maps of whole files, with errors as values.
enum MappedFile {
    /// The error text for the current `errno`.
    static func errnoMessage() -> String { String(cString: strerror(errno)) }

    /// Maps the whole file at `path` read-only; an empty file maps to an empty storage.
    static func map(path: String) -> Result<ByteStorage, SpaceFileError> {
        func fail(_ operation: String) -> Result<ByteStorage, SpaceFileError> {
            .failure(SpaceFileError(path: path, problem: .system(operation: operation, message: errnoMessage())))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return fail("open") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return fail("stat") }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(SpaceFileError(path: path, problem: .system(operation: "open", message: "not a regular file")))
        }
        let size = Int(status.st_size)
        if size == 0 {
            let (storage, _) = ByteStorage.allocate(count: 0)
            return .success(storage)
        }
        // No MAP_POPULATE: the section checksums read every page at open anyway, on several
        // threads at once (`SectionChecksums`), and their page faults measured faster than
        // populating the whole mapping on one thread first.
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return fail("map")
        }
        return .success(ByteStorage(mapping: UnsafeRawPointer(address), count: size))
    }

    /// Writes `bytes` to `path` atomically (see `AtomicFile`).
    static func writeAtomically(_ bytes: UnsafeRawBufferPointer, to path: String) throws(SpaceFileError) {
        do throws(AtomicFile.WriteError) {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw SpaceFileError(path: path, problem: .system(operation: error.operation, message: error.message))
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
