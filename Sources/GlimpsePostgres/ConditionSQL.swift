import GlimpseCore
import GlimpseLanguage

/// A `where` condition as a SQL boolean over a pushed space's image table (`SpaceTables`), its
/// values bound as parameters (`$n`), never pasted into the text. It keeps the rows a space
/// file's `RowSet` path keeps (`SpaceFileImages+Where`):
/// - every comparison is true or false, never null: a fact the file does not know (a PNG's date)
///   makes `=`, `!=`, `<`... false, and `not` true, as locally (`COALESCE(..., false)`);
/// - patterns are `Glob`s turned into `LIKE ... ESCAPE '\'` (`Glob.likePattern`);
/// - numbers compare as float8, as the local path compares doubles; a day is a time's seconds
///   divided by 86,400 and rounded down, in exact numeric arithmetic;
/// - score comparisons keep every row here: they cut the ranking afterwards (`HitSelection`).
/// A condition that asks what the space does not record throws the local path's diagnostic.
public struct ConditionSQL: Sendable, Equatable {
    /// A boolean expression over the columns of the image table.
    public var text: String
    /// The values of `$first`, `$first + 1`, ...
    public var binds: [Bind]

    public enum Bind: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        case real(Double)
    }

    /// What the pushed space records, which decides whether a condition may ask about it.
    public struct Recorded: Sendable, Equatable {
        /// The collections' names in row order (section 12), or nil when the space does not say.
        public var collections: [String]?
        /// Whether the images have file facts (size, pixels, times, camera).
        public var fileFacts: Bool

        public init(collections: [String]?, fileFacts: Bool) {
            self.collections = collections
            self.fileFacts = fileFacts
        }
    }

    public init(text: String, binds: [Bind]) {
        self.text = text
        self.binds = binds
    }

    /// The condition's SQL, its first parameter numbered `first` (the query's own come before).
    public init(_ condition: Condition, recorded: Recorded, first: Int = 1) throws(Diagnostic) {
        var builder = Builder(recorded: recorded, first: first)
        text = try builder.sql(condition)
        binds = builder.binds
    }

    private struct Builder {
        let recorded: Recorded
        let first: Int
        var binds: [Bind] = []

        init(recorded: Recorded, first: Int) {
            self.recorded = recorded
            self.first = first
        }

        mutating func sql(_ condition: Condition) throws(Diagnostic) -> String {
            switch condition.kind {
            case .comparison(let comparison): return try sql(comparison)
            case .and(let left, let right): return "(\(try sql(left)) AND \(try sql(right)))"
            case .or(let left, let right): return "(\(try sql(left)) OR \(try sql(right)))"
            case .not(let operand): return "NOT \(try sql(operand))"
            case .group(let inner): return try sql(inner)
            }
        }

        /// A new parameter holding `value`: `$n`.
        private mutating func bind(_ value: Bind) -> String {
            binds.append(value)
            return "$\(first + binds.count - 1)"
        }

        private mutating func sql(_ comparison: Comparison) throws(Diagnostic) -> String {
            let op = comparison.comparator
            switch (comparison.field, comparison.value) {
            case (.score, _):
                return "TRUE"
            case (.tag, .text(let text)):
                switch op {
                case .matches:
                    return "EXISTS (SELECT 1 FROM unnest(tags) AS tag WHERE tag LIKE \(bind(.text(Glob(text).likePattern))) ESCAPE '\\')"
                case .notEqual: return "NOT (\(bind(.text(text))) = ANY (tags))"
                default: return "(\(bind(.text(text))) = ANY (tags))"
                }
            case (.title, .text(let text)), (.file, .text(let text)), (.folder, .text(let text)):
                return textComparison(column: comparison.field.name, op, text)
            case (.collection, .text(let name)):
                guard let collections = recorded.collections else { throw Diagnostic.noCollections(comparison) }
                if op != .matches, !collections.contains(name) {
                    throw Diagnostic.unknownCollection(comparison, collections: collections)
                }
                // Every image has a collection when the space says, so `!=` is the others.
                return op == .notEqual ? "(collection IS DISTINCT FROM \(bind(.text(name))))" : textComparison(column: "collection", op, name)
            case (.camera, .text(let text)):
                guard recorded.fileFacts else { throw Diagnostic.noFileFacts(comparison) }
                return textComparison(column: "camera", op, text)
            case (.size, .number(let bound)), (.width, .number(let bound)), (.height, .number(let bound)):
                guard recorded.fileFacts else { throw Diagnostic.noFileFacts(comparison) }
                let column = comparison.field == .size ? "byte_size" : comparison.field.name
                return "COALESCE(\(column)::float8 \(Self.symbol(op)) \(bind(.real(bound))), false)"
            case (.date, .date(let day)), (.modified, .date(let day)):
                guard recorded.fileFacts else { throw Diagnostic.noFileFacts(comparison) }
                let column = comparison.field == .date ? "taken" : "modified"
                return "COALESCE(floor(\(column) / 86400.0) \(Self.symbol(op)) \(bind(.integer(Int64(day.daysSince1970)))), false)"
            default:
                return "FALSE"  // the parser allows no other pairing
            }
        }

        /// `=`, `!=` or `~` on a text column; a null (an unknown camera) makes each false.
        private mutating func textComparison(column: String, _ op: Comparator, _ text: String) -> String {
            if op == .matches { return "COALESCE(\(column) LIKE \(bind(.text(Glob(text).likePattern))) ESCAPE '\\', false)" }
            return "COALESCE(\(column) \(Self.symbol(op)) \(bind(.text(text))), false)"
        }

        private static func symbol(_ op: Comparator) -> String {
            switch op {
            case .equal: "="
            case .notEqual: "<>"
            case .less: "<"
            case .lessOrEqual: "<="
            case .greater: ">"
            case .greaterOrEqual: ">="
            case .matches: "LIKE"  // text only; handled above
            }
        }
    }
}
