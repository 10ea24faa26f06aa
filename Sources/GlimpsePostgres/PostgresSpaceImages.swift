import GlimpseCore
import GlimpseLanguage
import PostgresNIO

/// The images of a pushed space, kept in Postgres: `top` ranks them in SQL (`ORDER BY embedding
/// <#> $1`, inner product on unit vectors) with `where` in the WHERE clause (`ConditionSQL`), and
/// scores the rows it gets back in Swift, as the space file's exact scan does.
///
/// The server's ranking is read `margin` rows past the k asked for and ranked again by the
/// float32 scores (`ExactSearch` over the rows returned), so the order is the local one even where
/// the server's float arithmetic differs from ours in the last bits (ties aside). Numbers and
/// retired numbers are read once when the space opens; records and vectors when a listing needs them.
public final class PostgresSpaceImages: SpaceImages, @unchecked Sendable {
    public let database: SpaceDatabase
    public let tables: SpaceTables
    public let count: Int
    public let search: PostgresSearchMode
    /// The server's version (`SHOW server_version`).
    public let serverVersion: String
    let recorded: ConditionSQL.Recorded
    public let keptNumbers: [Int]?
    private let rowsByNumber: [Int: Int]
    private let retired: [Int: String]

    /// Rows read past the k asked for, so the local re-ranking sees the rows the server's
    /// rounding may have placed just below the cut.
    static let margin = 16

    init(database: SpaceDatabase, tables: SpaceTables, count: Int, search: PostgresSearchMode, serverVersion: String,
         recorded: ConditionSQL.Recorded, numbers: [Int]?, retired: [Int: String]) {
        self.database = database
        self.tables = tables
        self.count = count
        self.search = search
        self.serverVersion = serverVersion
        self.recorded = recorded
        keptNumbers = numbers
        rowsByNumber = Dictionary((numbers ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.retired = retired
    }

    deinit {
        // The connection closes with the space (PostgresNIO wants it closed before it goes); never
        // on one of NIO's own threads, where waiting is not allowed: the evaluator runs on the caller's.
        try? database.connection.close().wait()
    }

    public func number(row: Int) -> Int { keptNumbers?[row] ?? row + 1 }

    public func row(number: Int) -> Int? {
        guard keptNumbers != nil else { return number >= 1 && number <= count ? number - 1 : nil }
        return rowsByNumber[number]
    }

    public func retiredFile(number: Int) -> String? { retired[number] }
    public var hasRetiredNumbers: Bool { !retired.isEmpty }
    public var batchSearch: (any NearestNeighbourSearch)? { nil }
    public var vectorsInMemory: Matrix? { nil }

    public var whereabouts: [(label: String, value: String)] {
        [("database", database.address.redacted), ("server", "PostgreSQL \(serverVersion)"), ("search", search.description)]
    }

    public func vectors(rows: [Int]) throws(PostgresSpaceError) -> Matrix {
        let found = try rowVectors(rows)
        var values: [Float] = []
        values.reserveCapacity(rows.count * tables.dimension)
        for row in rows {
            guard let vector = found[row] else { throw lost("image row \(row) is missing from \(tables.images)") }
            values += vector
        }
        return Matrix(copying: values, dimension: tables.dimension)
    }

    public func descriptions(rows: [Int]) throws(PostgresSpaceError) -> [ImageDescription] {
        guard !rows.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(rows.map(Int32.init))
        let query = PostgresQuery(unsafeSQL: """
            SELECT row, file, title, tags, byte_size, width, height, taken, modified, camera
            FROM \(tables.images) WHERE row = ANY ($1)
            """, binds: binds)
        var described: [Int: ImageDescription] = [:]
        for row in try fetch(query) {
            let cells = row.makeRandomAccess()
            do {
                let record = ImageRecord(file: try cells[1].decode(String.self), title: try cells[2].decode(String.self),
                                         tags: try cells[3].decode([String].self))
                let facts = recorded.fileFacts ? ImageFileFacts(
                    byteSize: try cells[4].decode(Int?.self), pixelWidth: try cells[5].decode(Int?.self),
                    pixelHeight: try cells[6].decode(Int?.self), modified: try cells[8].decode(Int64?.self),
                    taken: try cells[7].decode(Int64?.self), camera: try cells[9].decode(String?.self)) : nil
                described[Int(try cells[0].decode(Int32.self))] = ImageDescription(record: record, facts: facts)
            } catch {
                throw lost("cannot read a row of \(tables.images): \(error)")
            }
        }
        return try rows.map { (row) throws(PostgresSpaceError) in
            guard let description = described[row] else { throw lost("image row \(row) is missing from \(tables.images)") }
            return description
        }
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int>, where condition: Condition?) throws -> [Hit] {
        var filter: ConditionSQL?
        if let condition, condition.comparesMetadata { filter = try ConditionSQL(condition, recorded: recorded, first: 4) }
        guard k > 0 else { return [] }
        var binds = PostgresBindings()
        binds.append(VectorText.literal(query))
        binds.append(excluding.sorted().map(Int32.init))
        binds.append(Int64(min(k, Int(Int32.max)) + Self.margin))
        for bind in filter?.binds ?? [] {
            switch bind {
            case .text(let text): binds.append(text)
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            }
        }
        let sql = """
            SELECT row, embedding FROM \(tables.images)
            WHERE NOT (row = ANY ($2))\(filter.map { " AND \($0.text)" } ?? "")
            ORDER BY embedding <#> $1::vector\(search == .exact ? ", row" : "") LIMIT $3
            """
        var candidates: [(row: Int, vector: [Float])] = []
        for row in try fetch(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            let cells = row.makeRandomAccess()
            guard let index = try? cells[0].decode(Int32.self), let vector = VectorText.floats(cells[1], dimension: tables.dimension) else {
                throw lost("cannot read a row of \(tables.images)")
            }
            candidates.append((Int(index), vector))
        }
        // Ranked again by the float32 scores; candidates in row order, so ties go to the lower row.
        candidates.sort { $0.row < $1.row }
        let matrix = Matrix(copying: candidates.flatMap(\.vector), dimension: tables.dimension)
        return ExactSearch(matrix).nearest(to: query, k: k).map { Hit(index: candidates[$0.index].row, score: $0.score) }
    }

    private func rowVectors(_ rows: [Int]) throws(PostgresSpaceError) -> [Int: [Float]] {
        guard !rows.isEmpty else { return [:] }
        var binds = PostgresBindings()
        binds.append(rows.map(Int32.init))
        var found: [Int: [Float]] = [:]
        for row in try fetch(PostgresQuery(unsafeSQL: "SELECT row, embedding FROM \(tables.images) WHERE row = ANY ($1)", binds: binds)) {
            let cells = row.makeRandomAccess()
            guard let index = try? cells[0].decode(Int32.self), let vector = VectorText.floats(cells[1], dimension: tables.dimension) else {
                throw lost("cannot read a row of \(tables.images)")
            }
            found[Int(index)] = vector
        }
        return found
    }

    private func fetch(_ query: PostgresQuery) throws(PostgresSpaceError) -> [PostgresRow] {
        let database = database
        return try BlockingCall.wait { () async throws(PostgresSpaceError) in try await database.rows(query) }
    }

    private func lost(_ detail: String) -> PostgresSpaceError {
        .server(server: database.address.redacted, detail: detail)
    }
}
