/// The fields a `where` condition can test: the one list that the parser, the help and
/// completion take their names from.
public enum ConditionField: String, Sendable, CaseIterable {
    case tag, title, file, folder, collection, camera
    case score
    case size, width, height
    case date, modified

    /// What kind of value a field holds, which decides its comparators and values.
    public enum Kind: Sendable {
        /// Text, compared with `=`, `!=` and `~` (a pattern).
        case text
        /// Any of the image's tags: `tag = "sun"` is true when one tag is "sun".
        case tags
        /// A whole number (bytes, pixels), compared with `=`, `!=`, `<`, `<=`, `>`, `>=`.
        case number
        /// The cosine score of the listing, compared with `<`, `<=`, `>`, `>=`, and with `best`.
        case score
        /// A day, written YYYY-MM-DD, compared with `=`, `!=`, `<`, `<=`, `>`, `>=`.
        case date
    }

    /// The field a condition names: its name, or `tags` for `tag`.
    public init?(named name: String) {
        if name == "tags" { self = .tag } else if let field = ConditionField(rawValue: name) { self = field } else { return nil }
    }

    public var name: String { rawValue }

    public var kind: Kind {
        switch self {
        case .tag: .tags
        case .title, .file, .folder, .collection, .camera: .text
        case .score: .score
        case .size, .width, .height: .number
        case .date, .modified: .date
        }
    }

    /// The comparators the field takes.
    public var comparators: [Comparator] {
        switch kind {
        case .text, .tags: [.equal, .notEqual, .matches]
        case .number, .date: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        case .score: [.less, .lessOrEqual, .greater, .greaterOrEqual]
        }
    }

    /// Whether the field is stored in the space's image file facts (spaces of photo files).
    public var isFileFact: Bool {
        switch self {
        case .camera, .size, .width, .height, .date, .modified: true
        default: false
        }
    }

    /// What the field is, for `.help where`.
    public var summary: String {
        switch self {
        case .tag: "any of the image's tags (also 'tags')"
        case .title: "the image's title"
        case .file: "the image's file, as the space records it"
        case .folder: "the file's folder: its path up to the last '/'"
        case .collection: "the collection the image came in (spaces made by 'glimpse build')"
        case .camera: "the camera's make and model"
        case .score: "the cosine score; 'best' is the best score of the listing"
        case .size: "the file's size in bytes"
        case .width: "the picture's width in pixels"
        case .height: "the picture's height in pixels"
        case .date: "the day the picture was taken (by the camera's clock)"
        case .modified: "the day the file was last modified (UTC)"
        }
    }

    /// An example of a condition on the field, for diagnostics and help.
    public var example: String {
        switch kind {
        case .text: self == .folder ? "folder ~ \"2019/*\"" : "\(name) = \"...\""
        case .tags: "tag = \"sun\""
        case .number: self == .size ? "size > 2e6" : "\(name) >= 1000"
        case .score: "score > 0.5, score >= best - 0.05"
        case .date: "\(name) >= 2019-06-01"
        }
    }
}
