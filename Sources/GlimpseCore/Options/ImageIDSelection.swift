/// Which images a command takes, by their 1-based ids (`IMG_1` is the first): all of
/// them, or as written `FIRST-LAST` (`1-300`) or a list (`3,7,12`).
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
}
