import Foundation
import GlimpseCore
import PostgresNIO

/// One connection to the Postgres database that holds pushed spaces. Every failure comes out
/// as a `PostgresSpaceError` naming the server by its redacted URL.
public final class SpaceDatabase: Sendable {
    public let address: PostgresAddress
    /// The connection itself, for what this type does not wrap (COPY, row streams).
    public let connection: PostgresConnection
    let logger: Logger

    private init(address: PostgresAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// Connects and logs in; `applicationName` is what `pg_stat_activity` shows for the session.
    public static func connect(to address: PostgresAddress, applicationName: String = "glimpse") async throws(PostgresSpaceError) -> SpaceDatabase {
        var logger = Logger(label: "glimpse.postgres")
        logger.logLevel = .critical  // a library does not write to the terminal: failures come out as errors
        do {
            let tls: PostgresConnection.Configuration.TLS
            switch address.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                tls = address.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls)
            configuration.options.connectTimeout = .nanoseconds(Int64(address.connectTimeout.inSeconds * 1e9))
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return SpaceDatabase(address: address, connection: connection, logger: logger)
        } catch {
            throw PostgresSpaceError(error, talkingTo: address)
        }
    }

    /// Runs one statement and drops its rows.
    public func execute(_ query: PostgresQuery) async throws(PostgresSpaceError) {
        do {
            try await connection.query(query, logger: logger)
        } catch {
            throw PostgresSpaceError(error, talkingTo: address)
        }
    }

    /// Runs a statement made of trusted text only (table names this package makes, no values).
    public func execute(statement: String) async throws(PostgresSpaceError) {
        try await execute(PostgresQuery(unsafeSQL: statement))
    }

    /// Runs a query and collects its rows.
    public func rows(_ query: PostgresQuery) async throws(PostgresSpaceError) -> [PostgresRow] {
        do {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw PostgresSpaceError(error, talkingTo: address)
        }
    }

    /// Streams `COPY table (columns) FROM STDIN` in text format; `body` writes the rows.
    public func copy(into table: String, columns: [String], _ body: (PostgresCopyFromWriter) async throws -> Void) async throws(PostgresSpaceError) {
        do {
            try await connection.copyFrom(table: table, columns: columns, logger: logger, writeData: body)
        } catch {
            throw PostgresSpaceError(error, talkingTo: address)
        }
    }

    /// Makes sure pgvector is there: creates the extension when it is missing (which only a
    /// role allowed to create it can do), and says so clearly when that fails.
    public func requireVectorExtension() async throws(PostgresSpaceError) {
        let present = try await rows("SELECT 1 FROM pg_extension WHERE extname = 'vector'")
        guard present.isEmpty else { return }
        do {
            try await execute(statement: "CREATE EXTENSION IF NOT EXISTS vector")
        } catch {
            switch error {
            case .server(_, let detail): throw .missingExtension(server: address.redacted, detail: detail)
            default: throw error
            }
        }
    }

    /// Closes the connection; a connection already lost is fine.
    public func close() async {
        try? await connection.close()
    }
}
