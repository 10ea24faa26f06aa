/// Which images a command takes, by their numbers (`IMG_12` is number 12): all of them,
/// or as written `FIRST-LAST` (`1-300`) or a list (`3,7,12`). Numbers run 1...N in a
/// space's order unless `glimpse index` removed images, which leaves gaps.
public enum ImageIDSelection: Sendable, Equatable {
    /// Every image.
    case all
    /// From the first id to the last, both included.
    case range(first: Int, last: Int)
    /// These ids, in this order.
    case list([Int])

    /// Nil when `text` is neither form, or names an id below 1 or a range that ends before it starts.
    public init?(_ text: String) {
        if let dash = text.firstIndex(of: "-") {
            guard let first = Int(text[..<dash]), let last = Int(text[text.index(after: dash)...]), first >= 1, first <= last
            else { return nil }
            self = .range(first: first, last: last)
        } else {
            guard let ids = try? CommaSeparatedList.positiveIntegers(text) else { return nil }
            self = .list(ids)
        }
    }

    /// The ids selected from `imageCount` images. A range is cut at the last image, but
    /// keeps its first id even past the end, so that the caller can say it is missing;
    /// a list is as given. Check the ids against `imageCount` before use.
    public func ids(imageCount: Int) -> [Int] {
        switch self {
        case .all: Array(1..<(imageCount + 1))
        case .range(let first, let last): Array(first...min(last, max(first, imageCount)))
        case .list(let ids): ids
        }
    }

    /// The numbers selected among `space`'s images: all of them in row order; the numbers of a
    /// range that name an image (its gaps skipped; when none do, its first number, so that the
    /// caller can say it is missing); a list as given. Check them with `Space.imageRow(number:)`.
    public func numbers(in space: Space) -> [Int] {
        switch self {
        case .all:
            return (0..<space.imageCount).map { space.imageNumber(row: $0) }
        case .range(let first, let last):
            let upper = min(last, max(first, space.imageNumberRange?.upperBound ?? first))
            let present = (first...upper).filter { space.imageRow(number: $0) != nil }
            return present.isEmpty ? [first] : present
        case .list(let ids):
            return ids
        }
    }
}
