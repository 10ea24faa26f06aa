import Foundation
import GlimpseCore
import GlimpsePostgres
import GlimpseTestSupport
import PostgresNIO
import Testing

/// Pushes against the real server of GLIMPSE_POSTGRES_URL, which other tests use at the same
/// time: every test has its own space names, and a push that a test watches or ends has its
/// own session name (`application_name`).
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, Comment(rawValue: PostgresTestServer.skipReason)))
struct SpacePushTests {
    let address: PostgresAddress

    init() throws {
        address = try PostgresAddress(parsing: try PostgresTestServer.requireURL())
    }

    /// A name no other test uses.
    static func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }

    /// The server's address with a session name of its own.
    func sessionNamed(_ prefix: String) -> PostgresAddress {
        var named = address
        named.applicationName = Self.uniqueName(prefix)
        return named
    }

    @Test func roundTripKeepsVectorsAndMetadata() async throws {
        let space = try MetadataRichSpace.make()
        let name = Self.uniqueName("round trip")
        let report = try await SpacePush(space: space, name: name).run(to: address)
        #expect(report.wordCount == space.wordCount && report.imageCount == space.imageCount && report.replacedGeneration == nil)
        let pushed = try await PushedTables.read(name: name, at: address)
        #expect(pushed.catalog.generation == report.generation)
        #expect(pushed.catalog.dimension == space.dimension)
        #expect(pushed.catalog.wordCount == space.wordCount && pushed.catalog.imageCount == space.imageCount)
        #expect(pushed.catalog.numbered && pushed.catalog.fileFacts && pushed.catalog.collections)
        #expect(pushed.catalog.hnsw == nil)
        try pushed.expectEqual(to: space)
        // The image model travels as a space file of its sections.
        let model = try #require(pushed.catalog.imageModel)
        let folder = ScratchFolder.unique("pushed-model")
        let path = folder.appendingPathComponent("model.glimpse").path
        try Data(model).write(to: URL(fileURLWithPath: path))
        let modelSpace = try Space.open(path: path)
        #expect(modelSpace.dimension == space.dimension && modelSpace.wordCount == 0 && modelSpace.imageCount == 0)
        for kind in SectionKind.attachments { #expect(modelSpace.attachment(kind) == space.attachment(kind), "\(kind)") }
        try await PushedTables.drop(name: name, at: address)
    }

    @Test func spaceWithoutExtrasPushesNulls() async throws {
        let space = try Space(words: ["a", "b"], wordVectors: [1, 0, 0, 1], images: [ImageRecord(file: "x.png")], imageVectors: [0.6, 0.8],
                              dimension: 2, model: "plain", source: "test")
        let name = Self.uniqueName("plain")
        try await SpacePush(space: space, name: name, hnsw: HNSWParameters(m: 4, efConstruction: 8)).run(to: address)
        let pushed = try await PushedTables.read(name: name, at: address)
        #expect(!pushed.catalog.numbered && !pushed.catalog.fileFacts && !pushed.catalog.collections && pushed.catalog.imageModel == nil)
        #expect(pushed.catalog.hnsw == HNSWParameters(m: 4, efConstruction: 8))
        #expect(pushed.images[0].number == 1 && pushed.images[0].collection == nil && pushed.images[0].byteSize == nil)
        try pushed.expectEqual(to: space)
        #expect(try await PushedTables.indexes(of: pushed.catalog.generation, at: address).filter { $0.hasSuffix("_hnsw") } == ["glimpse_g\(pushed.catalog.generation)_images_hnsw"])
        try await PushedTables.drop(name: name, at: address)
    }

    /// Re-pushing a name replaces it whole, another dimension included; until the commit,
    /// readers see the old space, and the old generation's tables are gone after it.
    @Test func rePushReplacesAtomicallyEvenWithAnotherDimension() async throws {
        let name = Self.uniqueName("replace")
        let old = try MetadataRichSpace.make(words: 30, images: 20, dimension: 8, seed: 2)
        let first = try await SpacePush(space: old, name: name).run(to: address)
        // A reader holds the catalog in SHARE mode: the push loads its tables, then waits for
        // it before switching the catalog row, and the reader looks while it waits.
        let reader = try await SpaceDatabase.connect(to: address)
        try await reader.execute(statement: "BEGIN")
        try await reader.execute(statement: "LOCK TABLE \(SpaceTables.catalog) IN SHARE MODE")
        let new = try MetadataRichSpace.make(words: 50, images: 3000, dimension: 16, seed: 3)
        let pusher = sessionNamed("replacing push")
        let pushing = Task { try await SpacePush(space: new, name: name).run(to: pusher) }
        try await PushActivity.waitUntilSessionWaitsForALock(pusher.applicationName!, reader)
        let seen = try await PushedTables.read(name: name, in: reader)
        #expect(seen.catalog.generation == first.generation && seen.catalog.dimension == 8)
        try seen.expectEqual(to: old)
        #expect(try await PushedTables.orphanTables(in: reader) == [])
        try await reader.execute(statement: "COMMIT")
        await reader.close()

        let second = try await pushing.value
        #expect(second.replacedGeneration == first.generation && second.generation > first.generation)
        let pushed = try await PushedTables.read(name: name, at: address)
        #expect(pushed.catalog.generation == second.generation && pushed.catalog.dimension == 16)
        try pushed.expectEqual(to: new)
        #expect(try await PushedTables.tables(of: first.generation, at: address).isEmpty)
        try await PushedTables.drop(name: name, at: address)
    }

    /// The server ends the push's session mid-COPY: the push fails with a lost connection,
    /// and the name still holds its old space, with no new tables left.
    @Test func droppedConnectionLeavesTheOldSpace() async throws {
        let name = Self.uniqueName("dropped")
        let old = try MetadataRichSpace.make(words: 20, images: 10, dimension: 4, seed: 4)
        let first = try await SpacePush(space: old, name: name).run(to: address)
        let big = try MetadataRichSpace.make(words: 100, images: 60_000, dimension: 32, seed: 5)
        let pusher = sessionNamed("dropped push")
        let killer = SessionKiller(session: pusher.applicationName!, address: address)
        let error = try #require(await #expect(throws: PostgresSpaceError.self) {
            try await SpacePush(space: big, name: name, progress: killer).run(to: pusher)
        })
        guard case .connectionLost(let server, _) = error else { throw Unexpected(error) }
        #expect(server == address.redacted)
        #expect(try await killer.killing?.value == true, "the push's session was not ended mid-COPY")
        let pushed = try await PushedTables.read(name: name, at: address)
        #expect(pushed.catalog.generation == first.generation)
        try pushed.expectEqual(to: old)
        #expect(try await PushedTables.orphanTables(at: address) == [])
        try await PushedTables.drop(name: name, at: address)
    }

    @Test func unreachableServer() async throws {
        var closed = address
        closed.port = try ClosedPort.find()
        let error = try #require(await #expect(throws: PostgresSpaceError.self) {
            try await SpacePush(space: try MetadataRichSpace.make(), name: "never").run(to: closed)
        })
        guard case .unreachable(let server, _) = error else { throw Unexpected(error) }
        #expect(server == closed.redacted && "\(error)".contains("cannot reach the Postgres server at \(closed.redacted)"))
    }

    @Test func wrongPasswordIsRefusedAndNeverShown() async throws {
        var wrong = address
        wrong.password = "not-the-password-\(UUID().uuidString)"
        let space = try MetadataRichSpace.make()
        do {
            try await SpacePush(space: space, name: "never").run(to: wrong)
            Issue.record("a wrong password was accepted")
        } catch {
            guard case .authentication = error else { throw Unexpected(error) }
            #expect(!"\(error)".contains(wrong.password!))
            #expect(!String(reflecting: error).contains(wrong.password!))
            #expect(!"\(error)".contains(address.password ?? "(no password)"))
        }
    }

    /// `glimpse_plain` has no pgvector, and the test role may not create it (it is not a trusted extension).
    @Test func missingExtension() async throws {
        var plain = address
        plain.database = "glimpse_plain"
        let error = try #require(await #expect(throws: PostgresSpaceError.self) {
            try await SpacePush(space: try MetadataRichSpace.make(), name: "never").run(to: plain)
        })
        guard case .missingExtension(_, let detail) = error else { throw Unexpected(error) }
        #expect(detail.contains("permission denied") && "\(error)".contains("CREATE EXTENSION vector"))
    }

    @Test func missingDatabase() async throws {
        var missing = address
        missing.database = "glimpse_nonexistent"
        let error = try #require(await #expect(throws: PostgresSpaceError.self) {
            try await SpacePush(space: try MetadataRichSpace.make(), name: "never").run(to: missing)
        })
        guard case .noSuchDatabase = error else { throw Unexpected(error) }
    }
}

/// Another error than the test expected.
struct Unexpected: Error, CustomStringConvertible {
    let error: PostgresSpaceError
    init(_ error: PostgresSpaceError) { self.error = error }
    var description: String { "unexpected error: \(error)" }
}

/// At the push's first progress report (its first COPY chunk sent), has the server end the
/// push's session from another one, without waiting: the COPY goes on until the server cuts it.
final class SessionKiller: ProgressReporter, @unchecked Sendable {
    let session: String
    let address: PostgresAddress
    private(set) var killing: Task<Bool, any Error>?

    init(session: String, address: PostgresAddress) {
        self.session = session
        self.address = address
    }

    func start(total: Int, label: String) {}
    func finish() {}

    func update(done: Int) {
        guard killing == nil, done > 0 else { return }
        let (session, address) = (self.session, self.address)
        killing = Task {
            let database = try await SpaceDatabase.connect(to: address)
            let rows = try await database.rows(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(session) AND query LIKE 'COPY%' AND datname = current_database()")
            await database.close()
            return try rows.contains { try $0.decode(Bool.self) }
        }
    }
}
