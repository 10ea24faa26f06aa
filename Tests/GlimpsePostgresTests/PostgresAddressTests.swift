import GlimpsePostgres
import Testing

struct PostgresAddressTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var environment: [String: String] = [:]
        var user: String
        var password: String?
        var host: String
        var port: Int
        var database: String
        var space: String?
        var tls: PostgresAddress.TLSMode = .disable
        var redacted: String

        var testDescription: String { PostgresAddress.redacting(url) }
    }

    static let cases: [Case] = [
        Case(url: "postgresql://me@dbhost/glimpse", user: "me", host: "dbhost", port: 5432, database: "glimpse",
             redacted: "postgresql://me@dbhost:5432/glimpse"),
        Case(url: "postgresql://me:s3cret@dbhost:6543/glimpse?space=demo", user: "me", password: "s3cret", host: "dbhost", port: 6543,
             database: "glimpse", space: "demo", redacted: "postgresql://me@dbhost:6543/glimpse?space=demo"),
        Case(url: "postgres://me:pa%40ss%3Aword@127.0.0.1/db", user: "me", password: "pa@ss:word", host: "127.0.0.1", port: 5432,
             database: "db", redacted: "postgresql://me@127.0.0.1:5432/db"),
        // A password with a raw '@': the user information ends at the last one.
        Case(url: "postgresql://me:a@b@host/db", user: "me", password: "a@b", host: "host", port: 5432, database: "db",
             redacted: "postgresql://me@host:5432/db"),
        Case(url: "postgresql://me@[::1]:5433/db?space=my%20photos&sslmode=require", user: "me", host: "::1", port: 5433,
             database: "db", space: "my photos", tls: .require, redacted: "postgresql://me@[::1]:5433/db?space=my%20photos&sslmode=require"),
        // Left out: the user from PGUSER, the password from PGPASSWORD, the database is the user's name.
        Case(url: "postgresql://dbhost", environment: ["PGUSER": "ann", "PGPASSWORD": "fromenv", "USER": "root"], user: "ann",
             password: "fromenv", host: "dbhost", port: 5432, database: "ann", redacted: "postgresql://ann@dbhost:5432/ann"),
        Case(url: "postgresql:///glimpse", environment: ["USER": "bob"], user: "bob", host: "localhost", port: 5432, database: "glimpse",
             redacted: "postgresql://bob@localhost:5432/glimpse"),
        // The URL's password wins over PGPASSWORD; a `password=` parameter counts as the URL's.
        Case(url: "postgresql://me:url@h/db", environment: ["PGPASSWORD": "env"], user: "me", password: "url", host: "h", port: 5432,
             database: "db", redacted: "postgresql://me@h:5432/db"),
        Case(url: "postgresql://me@h/db?password=inquery&space=s", user: "me", password: "inquery", host: "h", port: 5432, database: "db",
             space: "s", redacted: "postgresql://me@h:5432/db?space=s"),
        Case(url: "POSTGRESQL://me@h/db?sslmode=verify-full&connect_timeout=3", user: "me", host: "h", port: 5432, database: "db",
             tls: .verifyFull, redacted: "postgresql://me@h:5432/db?sslmode=verify-full"),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let address = try PostgresAddress(parsing: c.url, environment: c.environment)
        #expect(address.user == c.user)
        #expect(address.password == c.password)
        #expect(address.host == c.host)
        #expect(address.port == c.port)
        #expect(address.database == c.database)
        #expect(address.space == c.space)
        #expect(address.tls == c.tls)
        #expect(address.redacted == c.redacted)
        #expect("\(address)" == c.redacted)
        if let password = c.password {
            #expect(!address.redacted.contains(password))
            #expect(!"\(address)".contains(password))
        }
        // The redacted URL reads back as the same address, less the password.
        var expected = address
        expected.password = c.environment["PGPASSWORD"]
        expected.connectTimeout = .seconds(10)
        #expect(try PostgresAddress(parsing: address.redacted, environment: c.environment) == expected)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var url: String
        var reason: PostgresAddressError.Reason
        var testDescription: String { url }
    }

    static let refusals: [Refusal] = [
        Refusal(url: "mysql://me@h/db", reason: .notPostgresURL),
        Refusal(url: "demo.glimpse", reason: .notPostgresURL),
        Refusal(url: "postgresql://me:hunter2@h:99999/db", reason: .invalidPort("99999")),
        Refusal(url: "postgresql://me:hunter2@h:port/db", reason: .invalidPort("port")),
        Refusal(url: "postgresql://me:hunter2@[::1/db", reason: .invalidHost("[::1")),
        Refusal(url: "postgresql://me:hunter2@h1,h2/db", reason: .severalHosts),
        Refusal(url: "postgresql://me:hunter2@h/db/more", reason: .invalidDatabase("db/more")),
        Refusal(url: "postgresql://me:hunter2@h/db?space=", reason: .emptySpaceName),
        Refusal(url: "postgresql://me:hunter2@h/db?sslmode=maybe", reason: .invalidTLSMode("maybe")),
        Refusal(url: "postgresql://me:hunter2@h/db?connect_timeout=0", reason: .invalidTimeout("0")),
        Refusal(url: "postgresql://me:hunter2@h/db?spaec=demo", reason: .unknownParameter("spaec")),
        Refusal(url: "postgresql://me:hunter2@h/db%zz", reason: .invalidPercentEncoding("database")),
        Refusal(url: "postgresql://me@h/db?password=hunter2&bad=1", reason: .unknownParameter("bad")),
    ]

    @Test(arguments: refusals)
    func refuses(_ r: Refusal) {
        #expect(throws: PostgresAddressError.self) { try PostgresAddress(parsing: r.url, environment: [:]) }
        do {
            _ = try PostgresAddress(parsing: r.url, environment: [:])
        } catch {
            #expect(error.reason == r.reason)
            #expect(!error.description.contains("hunter2"), "the message shows the password: \(error.description)")
            #expect(!error.url.contains("hunter2"))
        }
    }

    @Test(arguments: [
        ("postgresql://me:hunter2@h/db", "postgresql://me@h/db"),
        ("postgresql://me:hunter2@h:5/db?space=x&password=hunter2", "postgresql://me@h:5/db?space=x&password=..."),
        ("postgresql://me@h/db", "postgresql://me@h/db"),
        ("postgresql://h:5432/db", "postgresql://h:5432/db"),
        ("postgresql://me:hunter2@h", "postgresql://me@h"),
    ])
    func redactsTextThatMayNotParse(_ text: String, _ expected: String) {
        #expect(PostgresAddress.redacting(text) == expected)
    }

    @Test func recognisesURLs() {
        #expect(PostgresAddress.isURL("postgresql://h/db"))
        #expect(PostgresAddress.isURL("Postgres://h/db"))
        #expect(!PostgresAddress.isURL("demo.glimpse"))
        #expect(!PostgresAddress.isURL("/tmp/postgresql://x"))
    }
}
