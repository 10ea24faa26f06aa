import Foundation
import PostgresNIO

/// Why talking to a space in Postgres failed. Each case names the server by its redacted URL
/// (never the password); the command line turns any of them into exit status 74.
public enum PostgresSpaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing answered at the host and port (refused, unresolvable, timed out).
    case unreachable(server: String, detail: String)
    /// The server refused the user or the password.
    case authentication(server: String, detail: String)
    /// The database does not exist.
    case noSuchDatabase(server: String)
    /// pgvector is not installed on the server, or not created in the database and the user
    /// may not create it.
    case missingExtension(server: String, detail: String)
    /// The catalog names no space so called.
    case noSuchSpace(name: String, server: String)
    /// The tables hold vectors of another dimension than the catalog says.
    case dimensionMismatch(space: String, expected: Int, actual: Int)
    /// The catalog table was made by another version of Glimpse, or by something else.
    case unknownLayout(server: String, detail: String)
    /// The connection broke mid-way; an open transaction was rolled back by the server.
    case connectionLost(server: String, detail: String)
    /// The server refused a statement (permissions, disk full, ...).
    case server(server: String, detail: String)

    public var description: String {
        switch self {
        case let .unreachable(server, detail):
            "cannot reach the Postgres server at \(server): \(detail)"
        case let .authentication(server, detail):
            "Postgres at \(server) refused the login: \(detail) (check the user and the password, given in the URL or PGPASSWORD)"
        case let .noSuchDatabase(server):
            "Postgres at \(server): the database does not exist"
        case let .missingExtension(server, detail):
            "Postgres at \(server) has no pgvector: \(detail); a superuser must install pgvector and run 'CREATE EXTENSION vector' in this database"
        case let .noSuchSpace(name, server):
            "no space named '\(name)' in \(server)"
        case let .dimensionMismatch(space, expected, actual):
            "the tables of space '\(space)' hold vectors of dimension \(actual), but its catalog row says \(expected)"
        case let .unknownLayout(server, detail):
            "\(server) has a glimpse_spaces table Glimpse cannot read: \(detail)"
        case let .connectionLost(server, detail):
            "lost the connection to Postgres at \(server): \(detail); nothing of the unfinished work was kept"
        case let .server(server, detail):
            "Postgres at \(server): \(detail)"
        }
    }

    /// Classifies what PostgresNIO (or NIO below it) threw while talking to `address`.
    public init(_ error: any Error, talkingTo address: PostgresAddress) {
        let server = address.redacted
        if let error = error as? PostgresSpaceError {
            self = error
            return
        }
        guard let error = error as? PSQLError else {
            self = .unreachable(server: server, detail: Self.describe(error))
            return
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? ""
        switch error.code {
        case .server:
            switch state {
            case "28P01", "28000":
                self = .authentication(server: server, detail: message)
            case "3D000":
                self = .noSuchDatabase(server: server)
            case "57P01", "57P02", "57P03":
                self = .connectionLost(server: server, detail: message)
            default:
                self = .server(server: server, detail: message.isEmpty ? "error \(state)" : "\(message) (SQLSTATE \(state))")
            }
        case .authMechanismRequiresPassword:
            self = .authentication(server: server, detail: "the server asks for a password and none was given")
        case .unsupportedAuthMechanism, .saslError:
            self = .authentication(server: server, detail: "\(error.code)")
        case .connectionError:
            self = .unreachable(server: server, detail: error.underlying.map(Self.describe) ?? "\(error.code)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            self = .connectionLost(server: server, detail: error.underlying.map(Self.describe) ?? "the server closed it")
        case .sslUnsupported:
            self = .unreachable(server: server, detail: "the server does not offer TLS, and the URL's sslmode requires it")
        default:
            self = .server(server: server, detail: "\(error.code)")
        }
    }

    /// A short text for an error below Postgres (sockets, name resolution): NIO's descriptions.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout(let amount): return "no answer within \(amount.nanoseconds / 1_000_000_000) s"
            default: return "\(error)"
            }
        }
        if let error = error as? NIOConnectionError {
            let reasons = error.connectionErrors.map { describe($0.error) }
            if error.dnsAAAAError != nil || error.dnsAError != nil, reasons.isEmpty { return "cannot resolve the host name \(error.host)" }
            return reasons.isEmpty ? "cannot connect to \(error.host):\(error.port)" : Array(Set(reasons)).sorted().joined(separator: "; ")
        }
        return "\(error)"
    }
}
