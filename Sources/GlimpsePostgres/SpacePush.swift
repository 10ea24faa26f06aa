import Foundation
import GlimpseCore
import PostgresNIO

/// Writes a space into Postgres under a name (`glimpse push`): words, images, their metadata
/// and the image model, streamed with COPY into a new generation of `SpaceTables`, then made
/// the name's space, all in one transaction.
///
/// Until the commit, readers of the name see the space it had before (or none); a push that
/// fails or is killed leaves nothing behind, because the server rolls back an unfinished
/// transaction, tables and all. Re-pushing a name replaces it whatever it held, another
/// dimension included: the catalog row says the dimension of the tables it points at.
public struct SpacePush: Sendable {
    public let space: Space
    public let name: String
    /// The HNSW index to build after the load, or nil for exact search only.
    public let hnsw: HNSWParameters?
    public let progress: (any ProgressReporter)?

    /// What a push did, and how long its parts took.
    public struct Report: Sendable, Equatable {
        public var generation: Int64
        public var wordCount: Int
        public var imageCount: Int
        /// The generation the name had before, dropped by this push.
        public var replacedGeneration: Int64?
        public var loadSeconds: Double
        public var indexSeconds: Double
        public var totalSeconds: Double

        /// `pushed demo to postgresql://me@dbhost:5432/glimpse: 400000 words, 5009 images, ...`, for standard error.
        public func summary(of push: SpacePush, at address: PostgresAddress) -> String {
            var text = "pushed \(push.name) to \(address.naming(space: nil).redacted): \(wordCount) words, \(imageCount) images"
            text += " in " + Self.seconds(totalSeconds) + " (load " + Self.seconds(loadSeconds)
            if let hnsw = push.hnsw { text += ", HNSW m \(hnsw.m) ef_construction \(hnsw.efConstruction) " + Self.seconds(indexSeconds) }
            text += ")"
            if let replacedGeneration { text += "; replaced generation \(replacedGeneration) by \(generation)" }
            return text + "\n"
        }

        private static func seconds(_ value: Double) -> String {
            String(format: "%.1f s", value)
        }
    }

    public init(space: Space, name: String, hnsw: HNSWParameters? = nil, progress: (any ProgressReporter)? = nil) {
        self.space = space
        self.name = name
        self.hnsw = hnsw
        self.progress = progress
    }

    /// What a session of a push shows in `pg_stat_activity`, unless the URL names another.
    public static let applicationName = "glimpse push"
    /// Bytes of COPY text sent at a time.
    static let chunkBytes = 1 << 20

    @discardableResult
    public func run(to address: PostgresAddress) async throws(PostgresSpaceError) -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        let database = try await SpaceDatabase.connect(to: address, applicationName: Self.applicationName)
        do {
            try await database.requireVectorExtension()
            for statement in SpaceTables.createCatalog { try await database.execute(statement: statement) }
            try await database.execute(statement: "BEGIN")
            // Pushes of one name take turns; pushes of other names and readers go on.
            try await database.execute("SELECT pg_advisory_xact_lock(hashtext(\(SpaceTables.catalog)), hashtext(\(name)))")
            let replaced = try await previousGeneration(in: database)
            let generation = try await nextGeneration(in: database)
            let tables = SpaceTables(generation: generation, dimension: space.dimension)
            for statement in tables.create { try await database.execute(statement: statement) }
            progress?.start(total: space.wordCount + space.imageCount, label: "pushing \(name)")
            try await copyWords(into: tables, database)
            try await copyImages(into: tables, database)
            try await copyRetired(into: tables, database)
            progress?.finish()
            for statement in tables.addKeys { try await database.execute(statement: statement) }
            let loaded = clock.now
            if let hnsw {
                // The graph builds much faster when it fits in memory (pgvector says so when it does not).
                try await database.execute(statement: "SET LOCAL maintenance_work_mem = '512MB'")
                for statement in tables.createHNSW(hnsw) { try await database.execute(statement: statement) }
            }
            let indexed = clock.now
            for table in tables.all { try await database.execute(statement: "ANALYZE \(table)") }
            try await writeCatalogRow(generation: generation, database)
            if let replaced { try await database.execute(statement: SpaceTables(generation: replaced, dimension: 1).drop) }
            try await database.execute(statement: "COMMIT")
            await database.close()
            return Report(generation: generation, wordCount: space.wordCount, imageCount: space.imageCount, replacedGeneration: replaced,
                          loadSeconds: (loaded - started).inSeconds, indexSeconds: (indexed - loaded).inSeconds,
                          totalSeconds: (clock.now - started).inSeconds)
        } catch {
            progress?.finish()
            // The server rolls back on its own when the connection is gone; otherwise say so.
            try? await database.execute(statement: "ROLLBACK")
            await database.close()
            throw error
        }
    }

    /// Blocks the calling thread until the push ends (for callers outside Swift concurrency).
    @discardableResult
    public func runWaiting(to address: PostgresAddress) throws(PostgresSpaceError) -> Report {
        try BlockingCall.wait { () async throws(PostgresSpaceError) -> Report in try await run(to: address) }
    }

    private func previousGeneration(in database: SpaceDatabase) async throws(PostgresSpaceError) -> Int64? {
        let rows: [PostgresRow]
        do {
            rows = try await database.rows("SELECT layout, generation FROM \(unescaped: SpaceTables.catalog) WHERE name = \(name) FOR UPDATE")
        } catch {
            if case .server(let server, let detail) = error { throw .unknownLayout(server: server, detail: detail) }
            throw error
        }
        guard let row = rows.first else { return nil }
        do {
            let (layout, generation) = try row.decode((Int32, Int64).self)
            guard layout == SpaceTables.layoutVersion else {
                throw PostgresSpaceError.unknownLayout(server: database.address.redacted, detail: "layout \(layout), this Glimpse writes \(SpaceTables.layoutVersion)")
            }
            return generation
        } catch let error as PostgresSpaceError {
            throw error
        } catch {
            throw .unknownLayout(server: database.address.redacted, detail: "\(error)")
        }
    }

    private func nextGeneration(in database: SpaceDatabase) async throws(PostgresSpaceError) -> Int64 {
        let rows = try await database.rows(PostgresQuery(unsafeSQL: "SELECT nextval('\(SpaceTables.generations)')"))
        do {
            return try rows[0].decode(Int64.self)
        } catch {
            throw .server(server: database.address.redacted, detail: "nextval gave no generation: \(error)")
        }
    }

    private func copyWords(into tables: SpaceTables, _ database: SpaceDatabase) async throws(PostgresSpaceError) {
        let space = self.space
        try await streamRows(count: space.wordCount, done: 0, table: tables.words, columns: SpaceTables.wordColumns, database) { rows, row in
            rows.integer(row)
            rows.text(space.words[row])
            rows.vector(space.wordVectors.row(row))
        }
    }

    private func copyImages(into tables: SpaceTables, _ database: SpaceDatabase) async throws(PostgresSpaceError) {
        let space = self.space
        var collectionOfRow: [String?] = Array(repeating: nil, count: space.imageCount)
        for collection in space.imageCollections ?? [] {
            for row in collection.rows { collectionOfRow[row] = collection.name }
        }
        let collections = collectionOfRow
        try await streamRows(count: space.imageCount, done: space.wordCount, table: tables.images, columns: SpaceTables.imageColumns, database) { rows, row in
            let record = space.image(at: row)
            let facts = space.imageFileFacts?[row] ?? ImageFileFacts()
            rows.integer(row)
            rows.integer(space.imageNumber(row: row))
            rows.text(record.file)
            rows.text(record.title)
            rows.textArray(record.tags)
            rows.text(ImageTextIndex.folder(of: record.file))
            rows.text(collections[row])
            rows.integer(facts.byteSize)
            rows.integer(facts.pixelWidth)
            rows.integer(facts.pixelHeight)
            rows.integer(facts.taken)
            rows.integer(facts.modified)
            rows.text(facts.camera)
            rows.vector(space.imageVectors.row(row))
        }
    }

    private func copyRetired(into tables: SpaceTables, _ database: SpaceDatabase) async throws(PostgresSpaceError) {
        let retired = space.imageNumbers?.retired ?? []
        guard !retired.isEmpty else { return }
        try await streamRows(count: retired.count, done: nil, table: tables.retired, columns: SpaceTables.retiredColumns, database) { rows, index in
            rows.integer(retired[index].number)
            rows.text(retired[index].file)
        }
    }

    /// COPYs `count` rows that `write` renders, a chunk at a time, telling `progress` how far it got
    /// (rows after `done` of the push's total; nil for rows the total does not count).
    private func streamRows(count: Int, done: Int?, table: String, columns: [String], _ database: SpaceDatabase,
                            write: @escaping @Sendable (inout CopyTextRows, Int) -> Void) async throws(PostgresSpaceError) {
        guard count > 0 else { return }
        let progress = self.progress
        try await database.copy(into: table, columns: columns) { writer in
            var rows = CopyTextRows(capacity: Self.chunkBytes + Self.chunkBytes / 4)
            for row in 0..<count {
                write(&rows, row)
                rows.endRow()
                if rows.byteCount >= Self.chunkBytes || row == count - 1 {
                    try await writer.write(rows.takeBuffer())
                    if let done { progress?.update(done: done + row + 1) }
                }
            }
        }
    }

    private func writeCatalogRow(generation: Int64, _ database: SpaceDatabase) async throws(PostgresSpaceError) {
        var binds = PostgresBindings()
        binds.append(name)
        binds.append(Int32(SpaceTables.layoutVersion))
        binds.append(generation)
        binds.append(Int32(space.dimension))
        binds.append(Int32(space.wordCount))
        binds.append(Int32(space.imageCount))
        binds.append(space.info.model)
        binds.append(space.info.source)
        binds.append(space.imageNumbers != nil)
        binds.append(space.imageFileFacts != nil)
        binds.append(space.imageCollections != nil)
        binds.append(ImageModelBytes.of(space).map { ByteBuffer(bytes: $0) })
        binds.append(hnsw?.json)
        try await database.execute(PostgresQuery(unsafeSQL: SpaceTables.upsertCatalogRow, binds: binds))
    }
}
