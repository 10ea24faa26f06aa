import Foundation

/// A list option as commands take it: items separated by commas (`50,256`,
/// `flip, zoom0.8`), each trimmed of spaces; empty items are skipped.
public enum CommaSeparatedList {
    /// An item that is not what the list holds, as written.
    public struct InvalidItem: Error, Sendable, Equatable {
        public var text: String

        public init(text: String) {
            self.text = text
        }
    }

    /// The items `item` makes of `text`, in order (none for an empty text); the first item
    /// that `item` cannot make is thrown.
    public static func parse<Item>(_ text: String, item: (String) -> Item?) throws(InvalidItem) -> [Item] {
        var items: [Item] = []
        for part in text.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = item(trimmed) else { throw InvalidItem(text: trimmed) }
            items.append(value)
        }
        return items
    }

    /// Whole numbers of at least 1 (`--dimensions 50,256`, `--threads 1,2`, `--rows 3,7,12`).
    public static func positiveIntegers(_ text: String) throws(InvalidItem) -> [Int] {
        try parse(text) { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
    }
}
