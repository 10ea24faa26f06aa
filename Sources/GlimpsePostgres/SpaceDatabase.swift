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

    /// Connects and logs in; `applicationName` is what `pg_stat_activity` shows for the session,
    /// unless the address names one.
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
            configuration.options.additionalStartupParameters = [("application_name", address.applicationName ?? applicationName)]
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return SpaceDatabase(address: address, connection: connection, logger: logger)
        } catch {
            throw PostgresSpaceError(error, talkingTo: address)
        }
    }

    /// Runs one statement and drops its rows.
    public func execute(_ query: PostgresQuery) async throws(PostgresSpaceError) {
        let (connection, logger) = (self.connection, self.logger)
        try await whileConnected { try await connection.query(query, logger: logger) }
    }

    /// Runs a statement made of trusted text only (table names this package makes, no values).
    public func execute(statement: String) async throws(PostgresSpaceError) {
        try await execute(PostgresQuery(unsafeSQL: statement))
    }

    /// Runs a query and collects its rows.
    public func rows(_ query: PostgresQuery) async throws(PostgresSpaceError) -> [PostgresRow] {
        let (connection, logger) = (self.connection, self.logger)
        return try await whileConnected {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    /// Streams `COPY table (columns) FROM STDIN` in text format; `body` writes the rows.
    public func copy(into table: String, columns: [String],
                     _ body: @escaping @Sendable (PostgresCopyFromWriter) async throws -> Void) async throws(PostgresSpaceError) {
        let (connection, logger) = (self.connection, self.logger)
        try await whileConnected { try await connection.copyFrom(table: table, columns: columns, logger: logger, writeData: body) }
    }

    /// Runs `work` on the connection, or fails as soon as the connection closes. PostgresNIO
    /// 1.33.2 can leave a COPY, and any statement after it, waiting forever when the server
    /// ends the session mid-COPY (`pg_terminate_backend`, a restart); racing the channel's end
    /// turns that into `connectionLost` (the stuck work is left behind, cancelled).
    private func whileConnected<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws(PostgresSpaceError) -> Value {
        let address = self.address
        guard !connection.isClosed else {
            throw .connectionLost(server: address.redacted, detail: "the connection is closed")
        }
        let outcome: Result<Value, PostgresSpaceError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let working = Task {
                do {
                    once.resume(.success(try await work()))
                } catch {
                    once.resume(.failure(PostgresSpaceError(error, talkingTo: address)))
                }
            }
            connection.closeFuture.whenComplete { _ in
                once.resume(.failure(.connectionLost(server: address.redacted, detail: "the server closed the connection")))
                working.cancel()
            }
        }
        return try outcome.get()
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
        guard !connection.isClosed else { return }
        try? await connection.close()
    }
}

/// Resumes a continuation with whichever outcome comes first; later ones are dropped.
private final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private var continuation: CheckedContinuation<Result<Value, PostgresSpaceError>, Never>?
    private let lock = NSLock()

    init(_ continuation: CheckedContinuation<Result<Value, PostgresSpaceError>, Never>) {
        self.continuation = continuation
    }

    func resume(_ outcome: Result<Value, PostgresSpaceError>) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: outcome)
    }
}
