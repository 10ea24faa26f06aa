/// The tables a pushed space lives in: their names, columns and the SQL that makes them.
///
/// One catalog table, `glimpse_spaces`, has a row per pushed space: its name, the
/// generation of tables that holds it, its dimension and counts, and its image model.
/// Every push writes a new generation `g` of three tables:
///
///     glimpse_g<g>_words(row int primary key, word text unique, embedding vector(d))
///     glimpse_g<g>_images(row int primary key, number int unique, file, title, tags text[],
///                         folder, collection, byte_size, width, height, taken, modified,
///                         camera, embedding vector(d))
///     glimpse_g<g>_retired(number int primary key, file text)
///
/// `row` is the row in the space file (words in vocabulary order, which for GloVe is
/// frequency order; images in image order), so results tie-break as the local file does.
/// `embedding` holds the unit vectors exactly (float32); an optional HNSW index uses
/// `vector_ip_ops`, whose distance `<#>` is the negated inner product: on unit vectors,
/// minus the cosine. A push creates the generation, loads it, switches the catalog row and
/// drops the old generation in one transaction, so readers see one whole space or the other.
public struct SpaceTables: Sendable, Equatable {
    /// The catalog of pushed spaces.
    public static let catalog = "glimpse_spaces"
    /// Where generation numbers come from (so two pushes never share tables).
    public static let generations = "glimpse_generations"
    /// The catalog's layout version: a reader that finds another refuses the space.
    public static let layoutVersion = 1

    public let generation: Int64
    public let dimension: Int

    public init(generation: Int64, dimension: Int) {
        self.generation = generation
        self.dimension = dimension
    }

    public var words: String { "glimpse_g\(generation)_words" }
    public var images: String { "glimpse_g\(generation)_images" }
    public var retired: String { "glimpse_g\(generation)_retired" }
    public var all: [String] { [words, images, retired] }

    /// The generation sequence and the catalog table, when the database has none yet (two statements).
    public static let createCatalog = [
        "CREATE SEQUENCE IF NOT EXISTS \(generations)",
        """
        CREATE TABLE IF NOT EXISTS \(catalog) (
            name text PRIMARY KEY,
            layout int NOT NULL,
            generation bigint NOT NULL UNIQUE,
            dimension int NOT NULL,
            word_count int NOT NULL,
            image_count int NOT NULL,
            model text NOT NULL,
            source text NOT NULL,
            numbered boolean NOT NULL,
            file_facts boolean NOT NULL,
            collections boolean NOT NULL,
            image_model bytea,
            hnsw jsonb,
            pushed_at timestamptz NOT NULL DEFAULT now()
        )
        """,
    ]

    /// Columns of the catalog, in the order `upsertCatalogRow` binds them.
    public static let catalogColumns = [
        "name", "layout", "generation", "dimension", "word_count", "image_count", "model", "source",
        "numbered", "file_facts", "collections", "image_model", "hnsw",
    ]

    /// Inserts or replaces a space's catalog row; binds are `catalogColumns` in order.
    public static let upsertCatalogRow = """
        INSERT INTO \(catalog) (\(catalogColumns.joined(separator: ", ")), pushed_at)
        VALUES (\((1...catalogColumns.count).map { catalogColumns[$0 - 1] == "hnsw" ? "$\($0)::jsonb" : "$\($0)" }.joined(separator: ", ")), now())
        ON CONFLICT (name) DO UPDATE SET
        \(catalogColumns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")), pushed_at = now()
        """

    /// Word columns in COPY order.
    public static let wordColumns = ["row", "word", "embedding"]
    /// Image columns in COPY order. `taken` and `modified` are seconds since 1970-01-01 00:00
    /// (`taken` on the camera's clock, `modified` UTC); `folder` is the file's path up to its
    /// last '/'; `collection` is null when the space does not say; file facts are null when unknown.
    public static let imageColumns = [
        "row", "number", "file", "title", "tags", "folder", "collection",
        "byte_size", "width", "height", "taken", "modified", "camera", "embedding",
    ]
    public static let retiredColumns = ["number", "file"]

    /// The generation's tables, without keys: COPY loads faster into bare tables (see `addKeys`).
    public var create: [String] {
        [
            "CREATE TABLE \(words) (row int NOT NULL, word text NOT NULL, embedding vector(\(dimension)) NOT NULL)",
            """
            CREATE TABLE \(images) (
                row int NOT NULL, number int NOT NULL, file text NOT NULL, title text NOT NULL, tags text[] NOT NULL,
                folder text NOT NULL, collection text, byte_size bigint, width int, height int, taken bigint,
                modified bigint, camera text, embedding vector(\(dimension)) NOT NULL)
            """,
            "CREATE TABLE \(retired) (number int NOT NULL, file text NOT NULL)",
        ]
    }

    /// Keys after the load: rows, image numbers and words are unique.
    public var addKeys: [String] {
        [
            "ALTER TABLE \(words) ADD PRIMARY KEY (row), ADD UNIQUE (word)",
            "ALTER TABLE \(images) ADD PRIMARY KEY (row), ADD UNIQUE (number)",
            "ALTER TABLE \(retired) ADD PRIMARY KEY (number)",
        ]
    }

    /// The HNSW index on the images' embeddings (inner product on unit vectors). The words get
    /// none: a session reads them into memory when it opens the space and searches them there.
    public func createHNSW(_ parameters: HNSWParameters) -> [String] {
        ["CREATE INDEX \(images)_hnsw ON \(images) USING hnsw (embedding vector_ip_ops) WITH (m = \(parameters.m), ef_construction = \(parameters.efConstruction))"]
    }

    public var drop: String { "DROP TABLE IF EXISTS \(all.joined(separator: ", "))" }
}

/// An HNSW index's build parameters (pgvector's `m` and `ef_construction`).
public struct HNSWParameters: Sendable, Equatable, Codable {
    /// Links per node per layer (pgvector: 2...100, default 16).
    public var m: Int
    /// Candidates kept while building (pgvector: 4...1000, at least 2m; default 64).
    public var efConstruction: Int
    /// The operator class; its distance operator is `<#>` (negated inner product).
    public var operatorClass = "vector_ip_ops"

    public init(m: Int = 16, efConstruction: Int = 64) {
        self.m = m
        self.efConstruction = efConstruction
    }

    /// The catalog's `hnsw` value: `{"ef_construction":64,"m":16,"operator_class":"vector_ip_ops"}`.
    public var json: String {
        #"{"ef_construction":\#(efConstruction),"m":\#(m),"operator_class":"\#(operatorClass)"}"#
    }

    /// Why pgvector would refuse these, if it would.
    public var problem: String? {
        guard (2...100).contains(m) else { return "HNSW m must be from 2 to 100, not \(m)" }
        guard (4...1000).contains(efConstruction) else { return "HNSW ef_construction must be from 4 to 1000, not \(efConstruction)" }
        guard efConstruction >= 2 * m else { return "HNSW ef_construction (\(efConstruction)) must be at least twice m (\(m))" }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case m, efConstruction = "ef_construction", operatorClass = "operator_class"
    }
}
