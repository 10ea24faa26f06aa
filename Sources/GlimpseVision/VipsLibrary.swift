import CVipsShim

/// The process-wide libvips instance: started once, and the source of its error texts.
enum VipsLibrary {
    /// Loads and starts libvips if it is not running yet; safe to call from any thread.
    ///
    /// libvips is opened with dlopen here, at the first image operation, not linked:
    /// loading it and its hundred libraries would otherwise cost every process about
    /// 40 ms at start-up. A missing or unusable library is an error saying why.
    static func start() throws {
        if gv_init() != 0 {
            throw ImageError(file: "libvips", message: String(cString: gv_init_failure()))
        }
    }

    /// The libvips version string, e.g. "8.14.1".
    static func version() throws -> String {
        try start()
        return String(cString: gv_version())
    }

    /// Takes libvips' pending error text, one line per message, or nil when there is none.
    ///
    /// libvips keeps one error buffer per process; when two images fail at the same
    /// moment on two threads their texts can mix, which costs clarity, not correctness.
    static func takeError() -> String? {
        guard let text = gv_error_take() else { return nil }
        defer { gv_free(text) }
        let lines = String(cString: text).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }

    /// The error for a failed call on `file`: libvips' text, else `fallback`.
    static func error(file: String, fallback: String) -> ImageError {
        ImageError(file: file, message: takeError() ?? fallback)
    }
}
