import GlimpseCore

/// The images of a space file, in memory: searched with the space's own scans, `where` choosing
/// the rows by the records and file facts the file holds (`RowSet`) and searching only those
/// (`RowSubsetSearch`, a search among a subset, not a filter after it).
public final class SpaceFileImages: SpaceImages {
    public let space: Space
    /// The search over all the images (any exact scan: `Space.imageSearch()` picks the fastest).
    public let search: any NearestNeighbourSearch
    /// The images' text fields indexed by value, each built by the first filter that needs it.
    var textIndexes: [ImageTextIndex.Field: ImageTextIndex] = [:]
    /// The rows of the last condition: `HitSelection` asks again with a larger k.
    private var lastSubset: (condition: Condition, search: RowSubsetSearch)?

    public init(_ space: Space, search: (any NearestNeighbourSearch)? = nil) {
        self.space = space
        self.search = search ?? ExactSearch(space.imageVectors)
    }

    public var count: Int { space.imageCount }
    public func number(row: Int) -> Int { space.imageNumber(row: row) }
    public func row(number: Int) -> Int? { space.imageRow(number: number) }
    public var keptNumbers: [Int]? { space.imageNumbers?.numbers }
    public func retiredFile(number: Int) -> String? { space.retiredImageFile(number: number) }
    public var hasRetiredNumbers: Bool { space.imageNumbers?.retired.isEmpty == false }

    public func vectors(rows: [Int]) -> Matrix {
        var values: [Float] = []
        values.reserveCapacity(rows.count * space.dimension)
        for row in rows { values += space.imageVectors.row(row) }
        return Matrix(copying: values, dimension: space.dimension)
    }

    public func descriptions(rows: [Int]) -> [ImageDescription] {
        rows.map { ImageDescription(record: space.image(at: $0), facts: space.imageFileFacts?[$0]) }
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int>, where condition: Condition?) throws(Diagnostic) -> [Hit] {
        guard let condition, condition.comparesMetadata else { return search.nearest(to: query, k: k, excluding: excluding) }
        if let lastSubset, lastSubset.condition == condition {
            return lastSubset.search.nearest(to: query, k: k, excluding: excluding)
        }
        let subset = RowSubsetSearch(space.imageVectors, half: space.halfImageVectors, subset: try rows(condition), rowNormBound: 1)
        lastSubset = (condition, subset)
        return subset.nearest(to: query, k: k, excluding: excluding)
    }

    public var batchSearch: (any NearestNeighbourSearch)? { search }
    public var vectorsInMemory: Matrix? { space.imageVectors }
    public var whereabouts: [(label: String, value: String)] { [] }
}
