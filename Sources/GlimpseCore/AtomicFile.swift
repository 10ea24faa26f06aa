#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that a reader sees the old file or the new one, never a
/// half-written one: a temporary file in the same folder, fsync, rename over the
/// target, fsync of the folder.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let operation: String
        public let message: String

        public var description: String { "\(path): cannot \(operation): \(message)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        // withUnsafeBytes rethrows untyped errors, so carry the typed one out by hand.
        var failure: WriteError?
        bytes.withUnsafeBytes { buffer in
            do throws(WriteError) { try write(buffer, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(WriteError) {
        try write(parts: [bytes], to: path)
    }

    /// Writes the concatenation of `parts` (e.g. a header and a large body that should not be copied).
    public static func write(parts: [UnsafeRawBufferPointer], to path: String) throws(WriteError) {
        func fail(_ operation: String) -> WriteError {
            WriteError(path: path, operation: operation, message: String(cString: strerror(errno)))
        }
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw fail("create a temporary file in \(MappedFile.parentFolder(of: path))") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        for bytes in parts where bytes.count > 0 {
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
        }
        // mkstemp makes the file 0600; these are files to share like any other.
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
        // The rename is durable only once the folder's entry is on disk.
        let folderDescriptor = open(MappedFile.parentFolder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}
