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
        #if os(Linux)
        // The whole file is hashed at open anyway, so fault it in eagerly.
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            return fail("map")
        }
        return .success(ByteStorage(mapping: UnsafeRawPointer(address), count: size))
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename, fsync the folder.
    static func writeAtomically(_ bytes: UnsafeRawBufferPointer, to path: String) throws(SpaceFileError) {
        func fail(_ operation: String, _ message: String = errnoMessage()) -> SpaceFileError {
            SpaceFileError(path: path, problem: .system(operation: operation, message: message))
        }
        let folder = parentFolder(of: path)
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw fail("create a temporary file in \(folder)") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                let error = fail("write")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += result
        }
        // mkstemp makes the file 0600; a space is data to share like any other file.
        fchmod(descriptor, 0o644)
        guard fsync(descriptor) == 0 else {
            let error = fail("fsync")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = fail("rename the temporary file into place")
            unlink(temporary)
            throw error
        }
        // The rename is only durable once the folder's entry is on disk.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
