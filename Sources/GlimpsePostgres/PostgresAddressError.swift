/// Why a text is not a Postgres URL Glimpse can use. Its message shows the URL with any
/// password taken out.
public struct PostgresAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case notPostgresURL
        case invalidPort(String)
        case invalidHost(String)
        case severalHosts
        case invalidDatabase(String)
        case invalidPercentEncoding(String)
        case emptySpaceName
        case invalidTLSMode(String)
        case invalidTimeout(String)
        case unknownParameter(String)
    }

    public let reason: Reason
    /// The URL as given, without its password.
    public let url: String

    init(_ reason: Reason, in url: String) {
        self.reason = reason
        self.url = PostgresAddress.redacting(url)
    }

    public var description: String {
        let problem = switch reason {
        case .notPostgresURL: "it does not start with postgresql:// or postgres://"
        case .invalidPort(let port): "the port '\(port)' is not a number from 1 to 65535"
        case .invalidHost(let host): "the host '\(host)' is not a host name or a bracketed IPv6 address"
        case .severalHosts: "it names several hosts; Glimpse connects to one"
        case .invalidDatabase(let database): "the database name '\(database)' has a '/'"
        case .invalidPercentEncoding(let what): "its \(what) has a '%' that is not followed by two hex digits"
        case .emptySpaceName: "'space=' names no space"
        case .invalidTLSMode(let mode): "sslmode '\(mode)' is not one of " + PostgresAddress.TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalidTimeout(let value): "connect_timeout '\(value)' is not a number of seconds from 1 to 3600"
        case .unknownParameter(let key): "'\(key)' is not a parameter Glimpse knows (space, sslmode, connect_timeout, application_name, user, password)"
        }
        return "'\(url)' is not a Postgres URL Glimpse can use: \(problem)"
    }
}

extension PostgresAddress {
    /// `text` with the password taken out of its user information and of a `password=` parameter:
    /// safe to print even when `text` does not parse.
    public static func redacting(_ text: String) -> String {
        var result = text
        if let schemeEnd = result.range(of: "://") {
            let authorityEnd = result[schemeEnd.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? result.endIndex
            let authority = result[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result.replaceSubrange(colon..<at, with: "")
            }
        }
        if let query = result.firstIndex(of: "?") {
            let parameters = result[result.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.lowercased().hasPrefix("password=") ? "password=..." : String(pair)
            }
            result = String(result[...query]) + parameters.joined(separator: "&")
        }
        return result
    }
}
