/// Why an import failed: the file, the line when there is one, and the problem.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line number, for text formats.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// A line an importer skipped, and why; the import still succeeds.
public struct ImportDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
