import Foundation

/// The Postgres + pgvector server the Postgres tests use: GLIMPSE_POSTGRES_URL, which
/// Scripts/postgres-server.sh prints (`make test` and CI start one). Without it those tests
/// skip, unless GLIMPSE_REQUIRE_POSTGRES=1 (as CI sets it): then they run and fail.
///
/// The URL names the server's `glimpse` database, where pgvector is created; the same
/// server has `glimpse_plain`, where it is not and the role may not create it.
public enum PostgresTestServer {
    public static let url: String? = {
        let url = ProcessInfo.processInfo.environment["GLIMPSE_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }()

    public static var isRequired: Bool { ProcessInfo.processInfo.environment["GLIMPSE_REQUIRE_POSTGRES"] == "1" }

    /// Whether the Postgres tests run (and fail without a server when it is required).
    public static var enabled: Bool { url != nil || isRequired }

    public static let skipReason = "skipped: no Postgres server (GLIMPSE_POSTGRES_URL; Scripts/postgres-server.sh start prints one)"

    /// The URL, or an error saying the required server is missing.
    public static func requireURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "GLIMPSE_REQUIRE_POSTGRES=1 but GLIMPSE_POSTGRES_URL is not set" }
    }
}
