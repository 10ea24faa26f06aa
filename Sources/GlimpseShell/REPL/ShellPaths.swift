#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GlimpseCore

/// Where the shell keeps its history and finds its start-up file (XDG Base Directory).
public struct ShellPaths: Sendable, Equatable {
    /// $XDG_STATE_HOME/glimpse/history, by default ~/.local/state/glimpse/history.
    public var history: String
    /// $XDG_CONFIG_HOME/glimpse/glimpserc if it exists, else ~/.glimpserc.
    public var startupCandidates: [String]
    public var home: String

    public init(environment: [String: String]) {
        home = HomeFolder(environment: environment).path
        // XDG says relative values are invalid and must be ignored.
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/state"
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        history = state + "/glimpse/history"
        startupCandidates = [config + "/glimpse/glimpserc", home + "/.glimpserc"]
    }

    /// `~` and `~/...` as the home folder.
    public func expandingTilde(_ path: String) -> String {
        HomeFolder(path: home).expanding(path)
    }

    /// Creates the folders above `path` (mode 0700, as XDG asks for state); false if that fails.
    public static func createFolders(above path: String) -> Bool {
        var folder = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true).dropLast() {
            folder += "/" + part
            if mkdir(folder, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}
