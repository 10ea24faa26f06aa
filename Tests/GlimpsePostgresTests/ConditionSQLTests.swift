import GlimpseCore
import GlimpseLanguage
@testable import GlimpsePostgres
import Testing

/// `where` as SQL, text and binds, without a server: each comparison's SQL, values never in the
/// text, placeholders numbered from where the query's own end, and the local path's errors.
/// (`PushedSpaceQueryTests` runs the same conditions both ways against a real server.)
struct ConditionSQLTests {
    static let recorded = ConditionSQL.Recorded(collections: ["photos", "drawings"], fileFacts: true)

    static func condition(_ text: String) throws -> Condition {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: "top 5 x where " + text))
        if let first = diagnostics.first { throw first }
        guard case .top(_, _, let clauses) = script.statements.first?.kind, let filter = clauses.filter else {
            throw Diagnostic(.invalidCondition, "no condition", at: SourceRange(0, 0))
        }
        return filter
    }

    static func sql(_ text: String, recorded: ConditionSQL.Recorded = recorded, first: Int = 1) throws -> ConditionSQL {
        try ConditionSQL(try condition(text), recorded: recorded, first: first)
    }

    typealias Bind = ConditionSQL.Bind

    @Test(arguments: [
        ("tag = \"sun\"", "($1 = ANY (tags))", [Bind.text("sun")]),
        ("tags != \"sun\"", "NOT ($1 = ANY (tags))", [.text("sun")]),
        ("tag ~ \"s*\"", "EXISTS (SELECT 1 FROM unnest(tags) AS tag WHERE tag LIKE $1 ESCAPE '\\')", [.text("s%")]),
        ("title = \"Dog face\"", "COALESCE(title = $1, false)", [.text("Dog face")]),
        ("title != \"\"", "COALESCE(title <> $1, false)", [.text("")]),
        ("file ~ \"*/img1?.jpg\"", "COALESCE(file LIKE $1 ESCAPE '\\', false)", [.text("%/img1_.jpg")]),
        // Characters LIKE would read as patterns are escaped; a glob's own escapes are literals.
        ("file ~ \"100%_\\\\*x\\\\\"", "COALESCE(file LIKE $1 ESCAPE '\\', false)", [.text("100\\%\\_*x\\\\")]),
        ("folder = \"photos/2018/3\"", "COALESCE(folder = $1, false)", [.text("photos/2018/3")]),
        ("folder ~ \"photos/*\"", "COALESCE(folder LIKE $1 ESCAPE '\\', false)", [.text("photos/%")]),
        ("collection = \"photos\"", "COALESCE(collection = $1, false)", [.text("photos")]),
        ("collection != \"photos\"", "(collection IS DISTINCT FROM $1)", [.text("photos")]),
        ("collection ~ \"d*\"", "COALESCE(collection LIKE $1 ESCAPE '\\', false)", [.text("d%")]),
        ("camera = \"Nikon D750\"", "COALESCE(camera = $1, false)", [.text("Nikon D750")]),
        ("camera != \"Nikon D750\"", "COALESCE(camera <> $1, false)", [.text("Nikon D750")]),
        ("size > 2e6", "COALESCE(byte_size::float8 > $1, false)", [.real(2e6)]),
        ("width <= 1024", "COALESCE(width::float8 <= $1, false)", [.real(1024)]),
        ("height != 480", "COALESCE(height::float8 <> $1, false)", [.real(480)]),
        ("date >= 2019-06-01", "COALESCE(floor(taken / 86400.0) >= $1, false)", [.integer(18_048)]),
        ("modified < 1969-12-31", "COALESCE(floor(modified / 86400.0) < $1, false)", [.integer(-1)]),
        ("score > 0.5", "TRUE", []),
        ("tag = \"sun\" and (title = \"a\" or not camera ~ \"C*\")",
         "(($1 = ANY (tags)) AND (COALESCE(title = $2, false) OR NOT COALESCE(camera LIKE $3 ESCAPE '\\', false)))",
         [.text("sun"), .text("a"), .text("C%")]),
        ("score >= best - 0.05 and size < 10", "(TRUE AND COALESCE(byte_size::float8 < $1, false))", [.real(10)]),
    ] as [(String, String, [Bind])])
    func translates(_ condition: String, _ text: String, _ binds: [Bind]) throws {
        let sql = try Self.sql(condition)
        #expect(sql.text == text, "\(condition)")
        #expect(sql.binds == binds, "\(condition)")
    }

    @Test func placeholdersStartAfterTheQuerysOwn() throws {
        let sql = try Self.sql("tag = \"a\" or title = \"b\"", first: 4)
        #expect(sql.text == "(($4 = ANY (tags)) OR COALESCE(title = $5, false))")
    }

    /// Quotes, semicolons and backslashes in values go to the binds, never into the text.
    @Test(arguments: ["'; DROP TABLE glimpse_spaces; --", "a\"b", "\\", "$1", "é\u{301}"])
    func valuesAreNeverInTheText(_ value: String) throws {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let sql = try Self.sql("title = \"\(escaped)\" or tag ~ \"\(escaped)\"")
        #expect(sql.text == "(COALESCE(title = $1, false) OR EXISTS (SELECT 1 FROM unnest(tags) AS tag WHERE tag LIKE $2 ESCAPE '\\'))")
        #expect(sql.binds.first == .text(value))
    }

    @Test func unknownCollectionsAndMissingFactsAreTheLocalErrors() throws {
        #expect(throws: Diagnostic.self) { try Self.sql("collection = \"emoji\"") }
        do {
            _ = try Self.sql("collection = \"emoji\"")
        } catch let error as Diagnostic {
            #expect(error.id == .unknownCollection)
            #expect(error.notes == ["the collections are 'photos', 'drawings'"])
        }
        // A pattern naming nothing is no error: it keeps no rows.
        #expect(try Self.sql("collection ~ \"emoji\"").text == "COALESCE(collection LIKE $1 ESCAPE '\\', false)")
        let bare = ConditionSQL.Recorded(collections: nil, fileFacts: false)
        for (text, id) in [("collection ~ \"*\"", DiagnosticID.noCollections), ("camera = \"x\"", .noFileFacts), ("date > 2020-01-01", .noFileFacts),
                           ("size > 1", .noFileFacts), ("not (tag = \"a\" or width > 1)", .noFileFacts)] {
            do {
                _ = try Self.sql(text, recorded: bare)
                Issue.record("\(text) translated without the facts it needs")
            } catch let error as Diagnostic {
                #expect(error.id == id, "\(text)")
            }
        }
        #expect(try Self.sql("tag = \"a\" and score > 0", recorded: bare).binds == [.text("a")])
    }

    @Test func globsBecomeLikePatterns() {
        #expect(Glob("*.png").likePattern == "%.png")
        #expect(Glob("a**b").likePattern == "a%b")
        #expect(Glob("?og").likePattern == "_og")
        #expect(Glob("50%_off").likePattern == "50\\%\\_off")
        #expect(Glob("\\*literal\\?").likePattern == "*literal?")
        #expect(Glob("back\\\\slash").likePattern == "back\\\\slash")
        #expect(Glob("trailing\\").likePattern == "trailing\\\\")
    }
}
