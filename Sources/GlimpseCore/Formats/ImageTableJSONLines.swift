import Foundation

extension ImageTable {
    static func parseJSONLines(_ lines: inout TableLines, path: String) throws(ImportError) -> ImageTable {
        let decoder = JSONDecoder()
        var objects: [(number: Int, fields: [String: JSONValue])] = []
        var extraColumns: [String] = []
        while let (number, line) = lines.next() {
            func fail(_ problem: String) -> ImportError {
                ImportError(path: path, line: number, message: "not a JSON object with a string 'file', optional 'title' and 'tags' (\(problem))")
            }
            guard let value = try? decoder.decode(JSONValue.self, from: Data(line.utf8)) else { throw fail("invalid JSON") }
            guard case .object(let fields) = value else { throw fail("not an object") }
            let roles = roleKeys(fields)
            guard let fileKey = roles[.file] else { throw fail("missing 'file'") }
            guard case .string = fields[fileKey] else { throw fail("'\(fileKey)' is not a string") }
            let used = Set(roles.values)
            for key in fields.keys.sorted() where !used.contains(key) && !extraColumns.contains(key) && fields[key]?.text != nil {
                extraColumns.append(key)
            }
            objects.append((number, fields))
        }

        var rows: [Row] = []
        for (number, fields) in objects {
            let roles = roleKeys(fields)
            let file = (fields[roles[.file]!]?.text ?? "").trimmingWhitespace()
            guard !file.isEmpty else { throw emptyFileError(path, line: number) }
            let title = roles[.title].flatMap { fields[$0]?.text } ?? ""
            var tags: [String] = []
            switch roles[.tags].flatMap({ fields[$0] }) {
            case .array(let items)?: tags = uniqueTags(items.compactMap { $0.text?.trimmingWhitespace() })
            case let value?: tags = splitTags(value.text ?? "")
            case nil: break
            }
            rows.append(Row(file: file, title: title.trimmingWhitespace(), tags: tags,
                            extra: extraColumns.map { key in roles.values.contains(key) ? "" : fields[key]?.text ?? "" }))
        }
        return ImageTable(extraColumns: extraColumns, rows: rows)
    }

    /// The key each column takes its value from in one object: the first of its names present
    /// (compared case-insensitively); the object's other keys are extra columns.
    private static func roleKeys(_ fields: [String: JSONValue]) -> [Column: String] {
        var keys: [Column: String] = [:]
        let sorted = fields.keys.sorted()
        for column in Column.allCases {
            for name in column.names {
                if let key = sorted.first(where: { $0.lowercased() == name }) {
                    keys[column] = key
                    break
                }
            }
        }
        return keys
    }

    /// One JSON object per row, keys sorted, `/` unescaped; the extra columns as strings.
    func encodedJSONLines() -> String {
        var text = ""
        for row in rows {
            var object: [String: Any] = ["file": row.file, "title": row.title, "tags": row.tags]
            for (name, value) in zip(extraColumns, row.extra) where object[name] == nil { object[name] = value }
            // Strings, arrays of strings and string keys always serialise.
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        return text
    }
}

/// Any JSON value, for reading objects whose fields vary.
enum JSONValue: Decodable {
    case null, bool(Bool), integer(Int64), number(Double), string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// A string as it is, a number as its decimal text; nil for other values.
    var text: String? {
        switch self {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .number(let x): return String(x)
        default: return nil
        }
    }
}
