import Foundation

/// The user's home folder, and the `~` of the file names users type.
///
/// One rule everywhere (spaces, scripts, `image("~/...")`, `.read`, the cache): `$HOME`
/// when it is set and not empty, else the password database's entry for this user.
/// Foundation's `NSHomeDirectory()` is not used: on Linux it reads the password
/// database first, so it disagrees with the shell when `$HOME` is changed.
public struct HomeFolder: Sendable, Equatable {
    /// The folder's path.
    public var path: String

    /// The home folder the environment names (see the type's summary); `/` when neither
    /// `$HOME` nor the password database gives one.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let home = environment["HOME"], !home.isEmpty {
            path = home
        } else {
            path = Self.passwordDatabaseHome() ?? "/"
        }
    }

    public init(path: String) { self.path = path }

    /// `path` with a leading `~` or `~/` replaced by the home folder; any other path as it is
    /// (`~user` is not expanded).
    public func expanding(_ path: String) -> String {
        path == "~" || path.hasPrefix("~/") ? self.path + path.dropFirst() : path
    }

    /// `path` with a leading `~` or `~/` replaced by this process's home folder.
    public static func expanding(_ path: String) -> String {
        path == "~" || path.hasPrefix("~/") ? HomeFolder().expanding(path) : path
    }

    private static func passwordDatabaseHome() -> String? {
        guard let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir else { return nil }
        return String(cString: folder)
    }
}
