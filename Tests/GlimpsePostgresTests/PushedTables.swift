import Foundation
import GlimpseCore
import GlimpsePostgres
import PostgresNIO
import Testing

/// A pushed space read back from its tables with plain SQL, to compare with the space it came from.
struct PushedTables {
    struct CatalogRow: Sendable {
        var generation: Int64
        var dimension: Int
        var wordCount: Int
        var imageCount: Int
        var model: String
        var source: String
        var numbered: Bool
        var fileFacts: Bool
        var collections: Bool
        var imageModel: [UInt8]?
        var hnsw: HNSWParameters?
    }

    struct Image: Sendable, Equatable {
        var row: Int
        var number: Int
        var file: String
        var title: String
        var tags: [String]
        var folder: String
        var collection: String?
        var byteSize: Int?
        var width: Int?
        var height: Int?
        var taken: Int64?
        var modified: Int64?
        var camera: String?
        var embedding: [Float]
    }

    var catalog: CatalogRow
    var words: [(row: Int, word: String, embedding: [Float])]
    var images: [Image]
    var retired: [ImageNumbers.Retired]

    static func read(name: String, at address: PostgresAddress) async throws -> PushedTables {
        let database = try await SpaceDatabase.connect(to: address)
        do {
            let tables = try await read(name: name, in: database)
            await database.close()
            return tables
        } catch {
            await database.close()
            throw error
        }
    }

    static func read(name: String, in database: SpaceDatabase) async throws -> PushedTables {
        let catalogRows = try await database.rows("""
            SELECT generation, dimension, word_count, image_count, model, source, numbered, file_facts, collections,
                   image_model, hnsw::text AS hnsw
            FROM glimpse_spaces WHERE name = \(name)
            """)
        let c = try #require(catalogRows.first, "no catalog row for \(name)").makeRandomAccess()
        let catalog = CatalogRow(
            generation: try c["generation"].decode(Int64.self), dimension: Int(try c["dimension"].decode(Int32.self)),
            wordCount: Int(try c["word_count"].decode(Int32.self)), imageCount: Int(try c["image_count"].decode(Int32.self)),
            model: try c["model"].decode(String.self), source: try c["source"].decode(String.self),
            numbered: try c["numbered"].decode(Bool.self), fileFacts: try c["file_facts"].decode(Bool.self),
            collections: try c["collections"].decode(Bool.self),
            imageModel: try c["image_model"].decode(ByteBuffer?.self).map { Array($0.readableBytesView) },
            hnsw: try c["hnsw"].decode(String?.self).map { try JSONDecoder().decode(HNSWParameters.self, from: Data($0.utf8)) })
        let tables = SpaceTables(generation: catalog.generation, dimension: catalog.dimension)
        var words: [(row: Int, word: String, embedding: [Float])] = []
        for row in try await database.rows(PostgresQuery(unsafeSQL: "SELECT row, word, embedding::real[] FROM \(tables.words) ORDER BY row")) {
            let (index, word, embedding) = try row.decode((Int32, String, [Float]).self)
            words.append((Int(index), word, embedding))
        }
        var images: [Image] = []
        for row in try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT row, number, file, title, tags, folder, collection, byte_size, width, height, taken, modified, camera, embedding::real[] AS embedding
            FROM \(tables.images) ORDER BY row
            """)) {
            let r = row.makeRandomAccess()
            images.append(Image(
                row: Int(try r["row"].decode(Int32.self)), number: Int(try r["number"].decode(Int32.self)),
                file: try r["file"].decode(String.self), title: try r["title"].decode(String.self), tags: try r["tags"].decode([String].self),
                folder: try r["folder"].decode(String.self), collection: try r["collection"].decode(String?.self),
                byteSize: try r["byte_size"].decode(Int64?.self).map(Int.init), width: try r["width"].decode(Int32?.self).map(Int.init),
                height: try r["height"].decode(Int32?.self).map(Int.init), taken: try r["taken"].decode(Int64?.self),
                modified: try r["modified"].decode(Int64?.self), camera: try r["camera"].decode(String?.self),
                embedding: try r["embedding"].decode([Float].self)))
        }
        var retired: [ImageNumbers.Retired] = []
        for row in try await database.rows(PostgresQuery(unsafeSQL: "SELECT number, file FROM \(tables.retired) ORDER BY number")) {
            let (number, file) = try row.decode((Int32, String).self)
            retired.append(.init(number: Int(number), file: file))
        }
        return PushedTables(catalog: catalog, words: words, images: images, retired: retired)
    }

    /// Every word, image, vector (bit for bit) and piece of metadata equals the space's.
    func expectEqual(to space: Space, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(catalog.dimension == space.dimension && catalog.model == space.info.model && catalog.source == space.info.source,
                sourceLocation: sourceLocation)
        try #require(words.count == space.wordCount && images.count == space.imageCount, sourceLocation: sourceLocation)
        for (row, word) in words.enumerated() {
            #expect(word.row == row && word.word == space.words[row], sourceLocation: sourceLocation)
            #expect(word.embedding.map(\.bitPattern) == Array(space.wordVectors.row(row)).map(\.bitPattern), "word \(row)",
                    sourceLocation: sourceLocation)
        }
        var collectionOfRow: [Int: String] = [:]
        for collection in space.imageCollections ?? [] { for row in collection.rows { collectionOfRow[row] = collection.name } }
        for (row, image) in images.enumerated() {
            let record = space.image(at: row)
            let facts = space.imageFileFacts?[row] ?? ImageFileFacts()
            let expected = Image(
                row: row, number: space.imageNumber(row: row), file: record.file, title: record.title, tags: record.tags,
                folder: ImageTextIndex.folder(of: record.file), collection: collectionOfRow[row], byteSize: facts.byteSize,
                width: facts.pixelWidth, height: facts.pixelHeight, taken: facts.taken, modified: facts.modified, camera: facts.camera,
                embedding: Array(space.imageVectors.row(row)))
            #expect(image == expected, "image \(row)", sourceLocation: sourceLocation)
            #expect(image.embedding.map(\.bitPattern) == expected.embedding.map(\.bitPattern), sourceLocation: sourceLocation)
        }
        #expect(retired == (space.imageNumbers?.retired ?? []).sorted { $0.number < $1.number }, sourceLocation: sourceLocation)
    }

    /// Removes a test's space, its catalog row and its tables in one transaction (so that no
    /// other test ever sees tables without their catalog row).
    static func drop(name: String, at address: PostgresAddress) async throws {
        let database = try await SpaceDatabase.connect(to: address)
        try await database.execute(statement: "BEGIN")
        let rows = try await database.rows("DELETE FROM glimpse_spaces WHERE name = \(name) RETURNING generation, dimension")
        for row in rows {
            let (generation, dimension) = try row.decode((Int64, Int32).self)
            try await database.execute(statement: SpaceTables(generation: generation, dimension: Int(dimension)).drop)
        }
        try await database.execute(statement: "COMMIT")
        await database.close()
    }

    /// Generation tables that no catalog row points at: left behind by a push that did not
    /// commit, were there any. (Tables of pushes still running are invisible to others.)
    static func orphanTables(in database: SpaceDatabase) async throws -> [String] {
        let rows = try await database.rows("""
            SELECT tablename FROM pg_tables
            WHERE tablename ~ '^glimpse_g[0-9]+_'
              AND substring(tablename FROM '^glimpse_g([0-9]+)_')::bigint NOT IN (SELECT generation FROM glimpse_spaces)
            ORDER BY tablename
            """)
        return try rows.map { try $0.decode(String.self) }
    }

    static func orphanTables(at address: PostgresAddress) async throws -> [String] {
        let database = try await SpaceDatabase.connect(to: address)
        let tables = try await orphanTables(in: database)
        await database.close()
        return tables
    }

    /// The committed tables of a generation.
    static func tables(of generation: Int64, at address: PostgresAddress) async throws -> [String] {
        let database = try await SpaceDatabase.connect(to: address)
        let rows = try await database.rows("SELECT tablename FROM pg_tables WHERE tablename LIKE \("glimpse_g\(generation)\\_%")")
        await database.close()
        return try rows.map { try $0.decode(String.self) }
    }

    static func indexes(of generation: Int64, at address: PostgresAddress) async throws -> [String] {
        let database = try await SpaceDatabase.connect(to: address)
        let rows = try await database.rows("SELECT indexname FROM pg_indexes WHERE tablename LIKE \("glimpse_g\(generation)_%") ORDER BY indexname")
        await database.close()
        return try rows.map { try $0.decode(String.self) }
    }
}

/// What the server says a push is doing.
enum PushActivity {
    /// Polls until the session named `session` waits for a lock (for at most 60 s).
    static func waitUntilSessionWaitsForALock(_ session: String, _ database: SpaceDatabase) async throws {
        for _ in 0..<3000 {
            // Inside a transaction the statistics views keep their first snapshot: drop it.
            try await database.execute("SELECT pg_stat_clear_snapshot()")
            let rows = try await database.rows(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(session) AND wait_event_type = 'Lock'")
            if try rows[0].decode(Int64.self) > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the push never waited for the reader's lock")
    }
}
