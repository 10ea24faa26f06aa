import Foundation
import GlimpseCore
import GlimpsePostgres
import GlimpseTestSupport
import PostgresNIO
import Testing

/// `glimpse push` as a user runs it, against the real server of GLIMPSE_POSTGRES_URL: its exit
/// statuses and messages, that the password never shows, and a push killed mid-COPY.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, Comment(rawValue: PostgresTestServer.skipReason)))
struct PushTests {
    static let folder = ScratchFolder.named("push")
    let url: String
    let address: PostgresAddress

    init() throws {
        url = try PostgresTestServer.requireURL()
        address = try PostgresAddress(parsing: url)
    }

    static func spaceFile(_ name: String, words: Int, images: Int, dimension: Int, seed: UInt64) throws -> String {
        let path = folder.appendingPathComponent(name).path
        if !FileManager.default.fileExists(atPath: path) {
            try MetadataRichSpace.make(words: words, images: images, dimension: dimension, seed: seed).write(to: path)
        }
        return path
    }

    /// The URL with another password, port or database, password and all.
    func variant(password: String? = nil, port: Int? = nil, database: String? = nil) -> String {
        let password = password ?? address.password ?? ""
        return "postgresql://\(address.user):\(password)@\(address.host):\(port ?? address.port)/\(database ?? address.database)"
    }

    @Test func exitStatusesAndMessages() async throws {
        let space = try Self.spaceFile("small.glimpse", words: 30, images: 12, dimension: 8, seed: 1)
        let name = "push-cli-\(UUID().uuidString.prefix(8))"
        let password = try #require(address.password, "the test server's URL has a password")

        let pushed = try BuiltProgram.run(["push", space, url, "--name", name, "--hnsw", "--hnsw-m", "8", "--hnsw-ef-construction", "32"])
        #expect(pushed.status == 0, "\(pushed.standardError)")
        #expect(pushed.standardError.hasPrefix("pushed \(name) to \(address.naming(space: nil).redacted): 30 words, 12 images in "))
        #expect(pushed.standardError.contains("HNSW m 8 ef_construction 32"))

        let again = try BuiltProgram.run(["push", space, url + "?space=\(name)"])
        #expect(again.status == 0 && again.standardError.contains("replaced generation"), "\(again.standardError)")

        let wrong = "wrong-\(UUID().uuidString)"
        let refused = try BuiltProgram.run(["push", space, variant(password: wrong), "--name", name])
        #expect(refused.status == 74)
        #expect(refused.standardError.hasPrefix("glimpse: Postgres at \(address.naming(space: nil).redacted) refused the login"), "\(refused.standardError)")

        let unreachable = try BuiltProgram.run(["push", space, variant(port: try ClosedPort.find()), "--name", name])
        #expect(unreachable.status == 74 && unreachable.standardError.hasPrefix("glimpse: cannot reach the Postgres server at "), "\(unreachable.standardError)")

        let noVector = try BuiltProgram.run(["push", space, variant(database: "glimpse_plain"), "--name", name])
        #expect(noVector.status == 74 && noVector.standardError.contains("has no pgvector"), "\(noVector.standardError)")

        let badURL = try BuiltProgram.run(["push", space, variant(port: 70000), "--name", name])
        #expect(badURL.status == 64 && badURL.standardError.contains("the port '70000' is not a number"), "\(badURL.standardError)")

        let noName = try BuiltProgram.run(["push", space, url])
        #expect(noName.status == 64 && noName.standardError.contains("--name NAME"), "\(noName.standardError)")

        // The password (right or wrong) shows nowhere.
        for result in [pushed, again, refused, unreachable, noVector, badURL, noName] {
            for secret in [password, wrong] {
                #expect(!result.standardOutput.contains(secret) && !result.standardError.contains(secret), "\(result.standardError)")
            }
        }
        try await Self.drop(name, at: address)
    }

    /// SIGKILL while the COPY streams: the old space still answers, and no tables of the killed
    /// push are left once the server has noticed.
    @Test func killedPushLeavesTheOldSpace() async throws {
        let name = "push-killed-\(UUID().uuidString.prefix(8))"
        let small = try Self.spaceFile("small.glimpse", words: 30, images: 12, dimension: 8, seed: 1)
        let big = try Self.spaceFile("big.glimpse", words: 200, images: 150_000, dimension: 32, seed: 2)
        let first = try BuiltProgram.run(["push", small, url, "--name", name])
        try #require(first.status == 0, "\(first.standardError)")
        let database = try await SpaceDatabase.connect(to: address)
        let before = try await Self.state(of: name, in: database)

        let session = "killed push \(UUID().uuidString.prefix(8))"
        let process = Process()
        process.executableURL = BuiltProgram.glimpse
        process.arguments = ["push", big, url + "?application_name=" + session.replacingOccurrences(of: " ", with: "%20"), "--name", name]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var copying = false
        for _ in 0..<3000 where process.isRunning {
            let rows = try await database.rows(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(session) AND query LIKE 'COPY%'")
            if try rows[0].decode(Int64.self) > 0 { copying = true; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(copying, "the push ended before its COPY was seen")
        #expect(process.terminationReason == .uncaughtSignal)
        // The server ends the orphaned session and rolls it back when it sees the socket closed.
        for _ in 0..<1000 {
            try await database.execute("SELECT pg_stat_clear_snapshot()")
            let rows = try await database.rows("SELECT count(*) FROM pg_stat_activity WHERE application_name = \(session)")
            if try rows[0].decode(Int64.self) == 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let after = try await Self.state(of: name, in: database)
        #expect(after == before && after.orphans.isEmpty)
        await database.close()
        try await Self.drop(name, at: address)
    }

    /// The name's generation, its image and word counts read from its tables, and the generation
    /// tables no catalog row points at (left by a push that did not commit).
    struct State: Equatable {
        var generation: Int64
        var images: Int64
        var words: Int64
        var orphans: [String]
    }

    static func state(of name: String, in database: SpaceDatabase) async throws -> State {
        let generation = try await database.rows("SELECT generation FROM glimpse_spaces WHERE name = \(name)")[0].decode(Int64.self)
        let tables = SpaceTables(generation: generation, dimension: 1)
        let images = try await database.rows(.init(unsafeSQL: "SELECT count(*) FROM \(tables.images)"))[0].decode(Int64.self)
        let words = try await database.rows(.init(unsafeSQL: "SELECT count(*) FROM \(tables.words)"))[0].decode(Int64.self)
        let orphans = try await database.rows("""
            SELECT tablename FROM pg_tables WHERE tablename ~ '^glimpse_g[0-9]+_'
              AND substring(tablename FROM '^glimpse_g([0-9]+)_')::bigint NOT IN (SELECT generation FROM glimpse_spaces)
            """).map { try $0.decode(String.self) }
        return State(generation: generation, images: images, words: words, orphans: orphans)
    }

    static func drop(_ name: String, at address: PostgresAddress) async throws {
        let database = try await SpaceDatabase.connect(to: address)
        try await database.execute(statement: "BEGIN")
        for row in try await database.rows("DELETE FROM glimpse_spaces WHERE name = \(name) RETURNING generation") {
            try await database.execute(statement: SpaceTables(generation: try row.decode(Int64.self), dimension: 1).drop)
        }
        try await database.execute(statement: "COMMIT")
        await database.close()
    }
}
