import GlimpseLanguage

/// Files the shell reads: `.read` scripts and the start-up file.
enum ShellFile {
    /// The file at `expandedPath` (default: `path`) as a source named by the path as given;
    /// a clear error when it cannot be read.
    static func read(_ path: String, expandedPath: String? = nil) -> Result<Source, DotCommandError> {
        do {
            return .success(try ScriptFile.read(path, at: expandedPath ?? path))
        } catch {
            return .failure(DotCommandError("cannot read '\(path)': \(error.reason)"))
        }
    }
}
