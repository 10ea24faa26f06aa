import Foundation
import GlimpseCore

/// Where spaces and scripts are found on disk.
public enum SpaceLocation {
    /// $GLIMPSE_SPACE, else the demo space in the XDG data folder
    /// ($XDG_DATA_HOME/glimpse/demo.glimpse, by default ~/.local/share/glimpse/demo.glimpse).
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["GLIMPSE_SPACE"], !path.isEmpty { return expandTilde(path) }
        return dataFolder + "/demo.glimpse"
    }

    public static var dataFolder: String {
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/glimpse" }
        return HomeFolder().path + "/.local/share/glimpse"
    }

    /// Opens the space at `path` (`~` as the home folder, since a `~` the shell left alone,
    /// quoted or in `--space=~/...`, still means it), or at `defaultPath` when there is none.
    public static func open(_ path: String?) throws(SpaceOpeningError) -> Space {
        let resolved = path.map(expandTilde) ?? defaultPath
        do {
            return try Space.open(path: resolved)
        } catch {
            throw SpaceOpeningError(path: resolved, reason: error, defaultSpaceMissing: path == nil && !exists(resolved))
        }
    }

    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// `~` as in the shell and in `image("~/...")` (`HomeFolder`).
    public static func expandTilde(_ path: String) -> String {
        HomeFolder.expanding(path)
    }

    /// The folder holding a file, for resolving the file names a script mentions.
    public static func folder(of path: String) -> String {
        let url = URL(fileURLWithPath: expandTilde(path))
        return url.deletingLastPathComponent().path
    }
}
