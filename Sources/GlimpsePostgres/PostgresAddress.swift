import Foundation

/// Where a space in Postgres lives: `postgresql://user[:password]@host[:port]/database?space=NAME`.
///
/// The URL form is libpq's (`postgres://` too), with the parameters that make sense here:
/// `space` (the pushed space's name), `sslmode` (`disable`, the default, `prefer`, `require`,
/// `verify-full`), `connect_timeout` (seconds, default 10), `application_name` (what the
/// server's `pg_stat_activity` shows; also `PGAPPNAME`), `user`, `password`. User, password,
/// database and values are percent-decoded. Left out: the user is `PGUSER`, else `USER`; the
/// password `PGPASSWORD`; the host `localhost`; the port 5432; the database the user's name.
///
/// The password is never part of any text this type renders: `description` is `redacted`.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`).
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate.
        case prefer
        /// TLS, without checking the server's certificate.
        case require
        /// TLS with the server's certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The pushed space's name (`?space=`), or nil when the URL names none.
    public var space: String?
    public var tls: TLSMode
    /// How long connecting may take before it counts as unreachable.
    public var connectTimeout: Duration
    /// The session's name on the server, or nil for the one the caller picks (`glimpse push`).
    public var applicationName: String?

    public init(user: String, password: String? = nil, host: String = "localhost", port: Int = 5432, database: String? = nil,
                space: String? = nil, tls: TLSMode = .disable, connectTimeout: Duration = .seconds(10), applicationName: String? = nil) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database ?? user
        self.space = space
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    /// Whether `text` is meant as a Postgres URL (its scheme), rather than a space file's path.
    public static func isURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    private static let schemes = ["postgresql://", "postgres://"]

    /// Reads a URL. `environment` supplies `PGPASSWORD`, `PGUSER` and `USER` for what the URL leaves out.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresAddressError) {
        guard let scheme = Self.schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw PostgresAddressError(.notPostgresURL, in: text)
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        // The user information ends at the last '@': a password may contain '@' only percent-encoded, but be lenient.
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var user: String?
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], what: "user", in: text)
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], what: "password", in: text)
            } else {
                user = try Self.decode(userInfo, what: "user", in: text)
            }
        }
        let (host, port) = try Self.hostAndPort(rest, in: text)
        let database: String? = try path.isEmpty ? nil : Self.decode(path, what: "database", in: text)
        if let database, database.contains("/") { throw PostgresAddressError(.invalidDatabase(database), in: text) }

        var space: String?
        var tls = TLSMode.disable
        var timeout = Duration.seconds(10)
        var applicationName = environment["PGAPPNAME"]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: "=")
            let key = try Self.decode(equals.map { pair[..<$0] } ?? pair, what: "parameter", in: text)
            let value = try Self.decode(equals.map { pair[pair.index(after: $0)...] } ?? "", what: "parameter \(key)", in: text)
            switch key {
            case "space":
                guard !value.isEmpty else { throw PostgresAddressError(.emptySpaceName, in: text) }
                space = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else { throw PostgresAddressError(.invalidTLSMode(value), in: text) }
                tls = mode
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0, seconds <= 3600 else {
                    throw PostgresAddressError(.invalidTimeout(value), in: text)
                }
                timeout = .seconds(seconds)
            case "application_name":
                applicationName = value
            case "password":
                password = value
            case "user":
                user = value
            default:
                throw PostgresAddressError(.unknownParameter(key), in: text)
            }
        }
        let resolvedUser = user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.init(user: resolvedUser, password: password ?? environment["PGPASSWORD"], host: host ?? "localhost", port: port ?? 5432,
                  database: database, space: space, tls: tls, connectTimeout: timeout, applicationName: applicationName)
    }

    /// The URL without its password: `postgresql://user@host:port/database?space=NAME`, what
    /// messages and `.space` show.
    public var redacted: String {
        var text = "postgresql://\(Self.encode(user))@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(Self.encode(database))"
        var parameters: [String] = []
        if let space { parameters.append("space=\(Self.encode(space))") }
        if tls != .disable { parameters.append("sslmode=\(tls.rawValue)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    public var description: String { redacted }

    /// The same address naming another space.
    public func naming(space: String?) -> PostgresAddress {
        var address = self
        address.space = space
        return address
    }

    private static func hostAndPort(_ text: Substring, in url: String) throws(PostgresAddressError) -> (String?, Int?) {
        var hostText = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw PostgresAddressError(.invalidHost(String(text)), in: url) }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresAddressError(.invalidHost(String(text)), in: url) }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if hostText.contains(",") { throw PostgresAddressError(.severalHosts, in: url) }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw PostgresAddressError(.invalidPort(String(portText)), in: url)
            }
            port = number
        }
        let host = try decode(hostText, what: "host", in: url)
        return (host.isEmpty ? nil : host, port)
    }

    private static func decode(_ text: Substring, what: String, in url: String) throws(PostgresAddressError) -> String {
        guard text.contains("%") else { return String(text) }
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresAddressError(.invalidPercentEncoding(what), in: url)
        }
        return decoded
    }

    /// Percent-encodes what would change the URL's shape.
    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
