import GlimpseCore
import GlimpseImagePipeline
import GlimpseLanguage
import PostgresNIO

/// A space pushed to Postgres (`glimpse push`), opened: its words and image model in memory (a
/// `Space` without images, so completion, suggestions, `words` and `among` stay local and
/// exact), its images in the database (`PostgresSpaceImages`).
public struct PostgresSpace: Sendable {
    /// The words, their vectors and the image model; no images.
    public let space: Space
    public let images: PostgresSpaceImages

    /// Opens the space a URL names (`postgresql://user@host/db?space=NAME`, with `search=hnsw`
    /// and `ef_search=N` for the HNSW index).
    public static func open(url: String) throws -> PostgresSpace {
        let (rest, mode) = try PostgresSearchMode.taking(from: url)
        return try open(try PostgresAddress(parsing: rest), search: mode)
    }

    /// Connects to `address` and reads the catalog row of its space, the words, and the images'
    /// numbers; then sets the session up for `search`.
    public static func open(_ address: PostgresAddress, search: PostgresSearchMode = .exact) throws(PostgresSpaceError) -> PostgresSpace {
        let server = address.redacted
        guard let name = address.space else {
            throw .noSuchSpace(name: "", server: server + " (the URL names no space: add ?space=NAME)")
        }
        let database = try BlockingCall.wait { () async throws(PostgresSpaceError) in try await SpaceDatabase.connect(to: address) }
        do {
            return try BlockingCall.wait { () async throws(PostgresSpaceError) in
                try await open(name, in: database, search: search)
            }
        } catch {
            BlockingCall.wait { await database.close() }
            throw error
        }
    }

    private static func open(_ name: String, in database: SpaceDatabase, search: PostgresSearchMode) async throws(PostgresSpaceError) -> PostgresSpace {
        let server = database.address.redacted
        let catalogExists = try await database.rows("SELECT to_regclass(\(SpaceTables.catalog)) IS NOT NULL")
        guard try decode(catalogExists.first, Bool.self, at: 0, server) else { throw .noSuchSpace(name: name, server: server) }
        let rows = try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT layout, generation, dimension, word_count, image_count, model, source, numbered, file_facts,
                   collections, image_model, hnsw::text
            FROM \(SpaceTables.catalog) WHERE name = $1
            """, binds: bindings(name)))
        guard let catalog = rows.first else { throw .noSuchSpace(name: name, server: server) }
        let layout = try decode(catalog, Int.self, at: 0, server)
        guard layout == SpaceTables.layoutVersion else {
            throw .unknownLayout(server: server, detail: "space '\(name)' has layout \(layout), this Glimpse reads \(SpaceTables.layoutVersion)")
        }
        let tables = SpaceTables(generation: try decode(catalog, Int64.self, at: 1, server), dimension: try decode(catalog, Int.self, at: 2, server))
        let wordCount = try decode(catalog, Int.self, at: 3, server)
        let imageCount = try decode(catalog, Int.self, at: 4, server)
        let numbered = try decode(catalog, Bool.self, at: 7, server)
        let fileFacts = try decode(catalog, Bool.self, at: 8, server)
        let hasCollections = try decode(catalog, Bool.self, at: 9, server)
        let modelBytes = try decode(catalog, ByteBuffer?.self, at: 10, server)
        let hnsw = try decode(catalog, String?.self, at: 11, server)

        for table in [tables.words, tables.images] {
            let dimensions = try await database.rows(PostgresQuery(unsafeSQL: "SELECT vector_dims(embedding) FROM \(table) LIMIT 1"))
            if let row = dimensions.first, let actual = try? row.makeRandomAccess()[0].decode(Int.self), actual != tables.dimension {
                throw .dimensionMismatch(space: name, expected: tables.dimension, actual: actual)
            }
        }

        // The image model: a space file of the same dimension with every optional section.
        var attachments: [SectionKind: [UInt8]] = [:]
        var collections: [String]?
        if var modelBytes {
            let bytes = modelBytes.readBytes(length: modelBytes.readableBytes) ?? []
            do {
                let model = try Space.decode(bytes: bytes, name: "the image model of space '\(name)'")
                for kind in SectionKind.attachments { attachments[kind] = model.attachment(kind) }
                collections = model.imageCollections(imageCount: imageCount)?.map(\.name)
            } catch {
                throw .unknownLayout(server: server, detail: "the image model of space '\(name)' does not read: \(error)")
            }
        }
        if hasCollections, collections == nil {
            let named = try await database.rows(PostgresQuery(unsafeSQL: """
                SELECT collection FROM \(tables.images) WHERE collection IS NOT NULL GROUP BY collection ORDER BY min(row)
                """))
            collections = try named.map { (row) throws(PostgresSpaceError) in try decode(row, String.self, at: 0, server) }
        }

        var words: [String] = []
        var wordVectors: [Float] = []
        words.reserveCapacity(wordCount)
        wordVectors.reserveCapacity(wordCount * tables.dimension)
        for row in try await database.rows(PostgresQuery(unsafeSQL: "SELECT word, embedding FROM \(tables.words) ORDER BY row")) {
            words.append(try decode(row, String.self, at: 0, server))
            guard let vector = VectorText.floats(row.makeRandomAccess()[1], dimension: tables.dimension) else {
                throw .dimensionMismatch(space: name, expected: tables.dimension, actual: -1)
            }
            wordVectors += vector
        }
        let space: Space
        do {
            space = try Space(words: words, wordVectors: wordVectors, images: [], imageVectors: [], dimension: tables.dimension,
                              model: try decode(catalog, String.self, at: 5, server), source: try decode(catalog, String.self, at: 6, server),
                              attachments: attachments)
        } catch {
            throw .unknownLayout(server: server, detail: "the words of space '\(name)' do not make a space: \(error)")
        }

        var numbers: [Int]?
        var retired: [Int: String] = [:]
        if numbered {
            numbers = try await database.rows(PostgresQuery(unsafeSQL: "SELECT number FROM \(tables.images) ORDER BY row"))
                .map { (row) throws(PostgresSpaceError) in try decode(row, Int.self, at: 0, server) }
            for row in try await database.rows(PostgresQuery(unsafeSQL: "SELECT number, file FROM \(tables.retired)")) {
                retired[try decode(row, Int.self, at: 0, server)] = try decode(row, String.self, at: 1, server)
            }
        }

        switch search {
        case .exact:
            // Every row scored: no index may stand in for the scan.
            try await database.execute(statement: "SET enable_indexscan = off")
            try await database.execute(statement: "SET enable_bitmapscan = off")
        case .hnsw(let efSearch):
            guard hnsw != nil else {
                throw .server(server: server, detail: "space '\(name)' was pushed without an HNSW index: push it again with --hnsw, or search exactly")
            }
            try await database.execute(statement: "SET hnsw.ef_search = \(efSearch)")
            // With a `where`, keep walking the graph until k rows pass (pgvector 0.8).
            try await database.execute(statement: "SET hnsw.iterative_scan = strict_order")
        }
        let version = try decode(try await database.rows("SHOW server_version").first, String.self, at: 0, server)
        let images = PostgresSpaceImages(
            database: database, tables: tables, count: imageCount, search: search, serverVersion: version,
            recorded: ConditionSQL.Recorded(collections: hasCollections ? collections : nil, fileFacts: fileFacts),
            numbers: numbers, retired: retired)
        return PostgresSpace(space: space, images: images)
    }

    private static func bindings(_ text: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(text)
        return binds
    }

    private static func decode<Value: PostgresDecodable>(_ row: PostgresRow?, _ type: Value.Type, at column: Int,
                                                          _ server: String) throws(PostgresSpaceError) -> Value {
        guard let row else { throw .unknownLayout(server: server, detail: "a query gave no row") }
        do {
            return try row.makeRandomAccess()[column].decode(Value.self)
        } catch {
            throw .unknownLayout(server: server, detail: "\(error)")
        }
    }
}

extension Evaluator {
    /// The evaluator glimpse runs statements with over a pushed space: words searched in memory
    /// as in a space file, images in Postgres, `image("file")` embedded here with the stored model.
    public static func standard(for pushed: PostgresSpace, baseDirectory: String? = nil) -> Evaluator {
        let space = pushed.space
        let evaluator = Evaluator(
            space: space, wordSearch: space.wordSearch(), wordSearchAmongFirst: { space.wordSearch(amongFirst: $0) },
            images: pushed.images, imageEmbedder: SpaceImageEmbedder.of(space))
        evaluator.baseDirectory = baseDirectory
        return evaluator
    }
}
