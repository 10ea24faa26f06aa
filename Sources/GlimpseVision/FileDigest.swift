import CVipsShim

/// Content checksums of files, used to key caches on exactly the bytes of a model.
public enum FileDigest {
    /// The sha256 of a file's bytes, as 64 lowercase hex digits (glib's implementation).
    public static func sha256(path: String) throws -> String {
        try VipsLibrary.start()
        guard let digest = gv_sha256_file(path) else {
            throw ImageError(file: path, message: "cannot read the file")
        }
        defer { gv_free(digest) }
        return String(cString: digest)
    }
}
