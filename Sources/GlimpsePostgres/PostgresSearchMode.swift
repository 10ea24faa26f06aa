/// How a pushed space's images are searched: exactly (every row scored, the default; the same
/// rows and scores as the space file) or through the HNSW index `glimpse push --hnsw` built.
///
/// A URL chooses it with two parameters of Glimpse's own, which `taking(from:)` takes out
/// before the rest goes to `PostgresAddress`: `search=exact` or `search=hnsw`, and with hnsw
/// `ef_search=N` (pgvector's candidate list, 1 to 1000, default 40).
public enum PostgresSearchMode: Sendable, Equatable, CustomStringConvertible {
    case exact
    /// pgvector's HNSW index, with `hnsw.ef_search` candidates (more: slower, closer to exact).
    case hnsw(efSearch: Int)

    /// pgvector's default `hnsw.ef_search`.
    public static let defaultEfSearch = 40

    public var description: String {
        switch self {
        case .exact: "exact (every row scored)"
        case .hnsw(let efSearch): "approximate (HNSW index, ef_search \(efSearch))"
        }
    }

    /// The mode a URL's `search` and `ef_search` parameters ask for, and the URL without them.
    public static func taking(from url: String) throws(PostgresSearchModeError) -> (url: String, mode: PostgresSearchMode) {
        guard let mark = url.firstIndex(of: "?") else { return (url, .exact) }
        var kept: [Substring] = []
        var search: String?
        var efSearch: String?
        for pair in url[url.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
            let key = pair.prefix { $0 != "=" }
            let value = String(pair.dropFirst(key.count + 1))
            switch key {
            case "search": search = value
            case "ef_search": efSearch = value
            default: kept.append(pair)
            }
        }
        let rest = String(url[..<mark]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        switch search {
        case nil, "exact":
            guard efSearch == nil else { throw PostgresSearchModeError("ef_search goes with search=hnsw") }
            return (rest, .exact)
        case "hnsw":
            guard let text = efSearch else { return (rest, .hnsw(efSearch: defaultEfSearch)) }
            guard let value = Int(text), (1...1000).contains(value) else {
                throw PostgresSearchModeError("ef_search '\(text)' is not a whole number from 1 to 1000")
            }
            return (rest, .hnsw(efSearch: value))
        case let other?:
            throw PostgresSearchModeError("search '\(other)' is not 'exact' or 'hnsw'")
        }
    }

    /// The URL parameters that ask for this mode (none for exact, the default).
    public var parameters: String {
        switch self {
        case .exact: ""
        case .hnsw(let efSearch): "search=hnsw&ef_search=\(efSearch)"
        }
    }
}

/// Why a URL's `search` or `ef_search` parameter cannot be used.
public struct PostgresSearchModeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ problem: String) {
        description = "the URL's search parameters: \(problem)"
    }
}
