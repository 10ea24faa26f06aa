import Foundation
import GlimpseCore
import GlimpseLanguage
@testable import GlimpsePostgres
import GlimpseTestSupport
import PostgresNIO
import Testing

/// The language over a pushed space against a real server (GLIMPSE_POSTGRES_URL): in exact mode
/// every listing equals the space file's (the same rows, ids, records and facts; scores within
/// 1e-6), `where` included, run both ways; HNSW mode is measured against exact; a dropped
/// connection is an input-stage diagnostic (exit 74), never a crash.
@Suite(.enabled(if: PostgresTestServer.enabled, Comment(rawValue: PostgresTestServer.skipReason)), .serialized)
struct PushedSpaceQueryTests {
    /// Runs `body` on a thread of its own: the evaluator waits for the server (`BlockingCall`),
    /// which must not happen on one of Swift concurrency's few threads, where tests run.
    /// What it finds wrong is recorded as issues afterwards, from the test's own task.
    static func onOwnThread(_ body: @escaping @Sendable (Problems) throws -> Void) async throws {
        let problems = Problems()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try body(problems)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        for problem in problems.list { Issue.record(Comment(rawValue: problem)) }
    }

    /// Problems found on another thread than the test's.
    final class Problems: @unchecked Sendable {
        var list: [String] = []

        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { list.append(message()) }
        }
    }

    static let words = ["beach", "sea", "dog", "cat", "tree", "sun", "park", "red", "blue", "king"]

    /// Pushes `space` as `name` and opens it both ways.
    static func pushed(_ space: Space, name: String, hnsw: HNSWParameters? = nil,
                       search: PostgresSearchMode = .exact) throws -> (local: Evaluator, pushed: Evaluator, images: PostgresSpaceImages) {
        let address = try PostgresAddress(parsing: try PostgresTestServer.requireURL()).naming(space: name)
        try SpacePush(space: space, name: name, hnsw: hnsw).runWaiting(to: address)
        let opened = try PostgresSpace.open(address, search: search)
        return (Evaluator(space: space), Evaluator.standard(for: opened), opened.images)
    }

    static func run(_ text: String, _ evaluator: Evaluator) -> Result<[Outcome], Diagnostic> {
        let (script, diagnostics) = Parser.parse(Source(name: "t", text: text))
        if let first = diagnostics.first { return .failure(first) }
        var outcomes: [Outcome] = []
        for statement in script.statements {
            do throws(Diagnostic) {
                outcomes.append(try evaluator.run(statement))
            } catch {
                return .failure(error)
            }
        }
        return .success(outcomes)
    }

    /// Whether two outcomes agree: scores within 1e-6, everything else equal.
    static func agree(_ a: Outcome, _ b: Outcome) -> Bool {
        switch (a, b) {
        case (.images(let x), .images(let y)):
            guard x.hits.count == y.hits.count, x.distinct == y.distinct, x.filter == y.filter else { return false }
            if let ex = x.explanation, let ey = y.explanation {
                guard ex.terms == ey.terms, zip(ex.shares.joined(), ey.shares.joined()).allSatisfy({ abs($0 - $1) <= 1e-6 }) else { return false }
            } else if (x.explanation == nil) != (y.explanation == nil) {
                return false
            }
            return zip(x.hits, y.hits).allSatisfy { p, q in
                p.rank == q.rank && p.row == q.row && p.number == q.number && p.record == q.record && p.facts == q.facts && abs(p.score - q.score) <= 1e-6
            }
        case (.words(let x), .words(let y)):
            return x.hits.count == y.hits.count && zip(x.hits, y.hits).allSatisfy { $0.index == $1.index && abs($0.score - $1.score) <= 1e-6 }
        case (.vector(let x), .vector(let y)):
            return x.formula == y.formula && x.nearestWords.map(\.index) == y.nearestWords.map(\.index)
        default:
            return a == b
        }
    }

    static func expectSame(_ text: String, _ local: Evaluator, _ pushed: Evaluator, _ problems: Problems) {
        switch (run(text, local), run(text, pushed)) {
        case (.success(let a), .success(let b)):
            problems.check(a.count == b.count && zip(a, b).allSatisfy(agree), "\(text)\nlocal:  \(a)\npushed: \(b)")
        case (.failure(let a), .failure(let b)):
            problems.check(a == b, "\(text): local \(a), pushed \(b)")
        case (let a, let b):
            problems.check(false, "\(text): local \(a), pushed \(b)")
        }
    }

    static let conditions = [
        "tag = \"sun\"", "tag != \"sun\"", "tag ~ \"s*\"", "tags ~ \"?og\"", "tag = \"Sun\"", "title = \"dog face\"", "title != \"\"",
        "title ~ \"*face\"", "file ~ \"*.png\"", "file = \"drawings/img70.jpg\"", "file ~ \"*/img1?.jpg\"", "folder = \"drawings\"",
        "folder ~ \"photos/201?/1*\"", "folder != \"photos/2018/3\"", "collection = \"photos\"", "collection != \"photos\"",
        "collection ~ \"d*\"", "collection ~ \"emoji\"", "collection = \"emoji\"", "camera = \"Nikon D750\"", "camera != \"Nikon D750\"",
        "camera ~ \"Canon*\"", "not camera ~ \"Canon*\"", "size > 2e6", "size <= 1000000", "size != 0", "width = 640", "width >= 1024",
        "height < 768", "not height < 768", "date >= 2019-06-01", "date = 2018-03-04", "date != 2018-03-04", "modified < 2018-01-01",
        "not modified < 2018-01-01", "score > 0.2", "score >= best - 0.1", "score > 0.5 and tag = \"dog\"",
        "(tag = \"sun\" or tag = \"sea\") and not (camera = \"Canon EOS 5D\" or size < 1e6)", "not (tag = \"cat\" and width > 700)",
        "folder ~ \"*\" and score >= -1.5", "title = \"no such title\"",
    ]

    @Test func exactListingsEqualTheSpaceFilesWithAndWithoutWhere() async throws {
        try await Self.onOwnThread { problems in
            let space = try PhotoSpace.make(words: Self.words)
            let (local, pushed, _) = try Self.pushed(space, name: "pgquery_photos")
            let queries = ["beach", "IMG_4 + 2*dog", "sea - IMG_40", "3*IMG_70 + tree - sun", "\"red blue\""]
            for query in queries {
                for k in [1, 5, 30] {
                    Self.expectSame("top \(k) \(query)", local, pushed, problems)
                    for condition in Self.conditions { Self.expectSame("top \(k) \(query) where \(condition)", local, pushed, problems) }
                }
                Self.expectSame("explain top 8 \(query) including query", local, pushed, problems)
                Self.expectSame("top 3 \(query); top 4 #2 - #3; show #1; _; words 3 #1", local, pushed, problems)
            }
            for text in ["words 5 IMG_7", "words 3 sea among 4", "show IMG_80", "top 3 IMG_81", "top 2 IMG_0", "sim(IMG_3, IMG_11)",
                         "show beach", "top 5 beach where date > 2017-01-01 and camera = \"x\""] {
                Self.expectSame(text, local, pushed, problems)
            }
        }
    }

    /// Kept numbers with gaps, retired numbers, collections and text that COPY escapes.
    @Test func numbersRecordsAndRetiredImagesEqualTheSpaceFiles() async throws {
        try await Self.onOwnThread { problems in
            let space = try MetadataRichSpace.make()
            let (local, pushed, images) = try Self.pushed(space, name: "pgquery_rich")
            problems.check(images.keptNumbers == space.imageNumbers?.numbers, "kept numbers differ")
            for text in ["top 30 word20", "top 5 IMG_2 + IMG_5", "show IMG_11", "top 3 IMG_1", "top 3 IMG_95", "top 3 IMG_4",
                         "top 10 word30 where collection = \"rest\"", "top 10 word30 where collection = \"none\"",
                         "top 10 word31 where tag ~ \"*\\\\*\" or title ~ \"*{braces}\"", "top 4 word33 where folder = \"\""] {
                Self.expectSame(text, local, pushed, problems)
            }
        }
    }

    @Test func hnswSearchesTheIndexAndFindsMostOfExact() async throws {
        try await Self.onOwnThread { problems in
            let space = try PhotoSpace.make(words: Self.words)
            let (_, exact, _) = try Self.pushed(space, name: "pgquery_hnsw", hnsw: HNSWParameters(m: 8, efConstruction: 32))
            let address = try PostgresAddress(parsing: try PostgresTestServer.requireURL()).naming(space: "pgquery_hnsw")
            let opened = try PostgresSpace.open(address, search: .hnsw(efSearch: 80))
            problems.check(opened.images.whereabouts.map(\.value).contains("approximate (HNSW index, ef_search 80)"), "\(opened.images.whereabouts)")
            let approximate = Evaluator.standard(for: opened)
            var found = 0, total = 0
            for row in 0..<40 {
                guard case .success(let a) = Self.run("top 10 IMG_\(row + 1)", exact), case .images(let x) = a[0],
                      case .success(let b) = Self.run("top 10 IMG_\(row + 1)", approximate), case .images(let y) = b[0] else {
                    problems.check(false, "IMG_\(row + 1) failed")
                    continue
                }
                found += Set(x.hits.map(\.row)).intersection(y.hits.map(\.row)).count
                total += x.hits.count
            }
            problems.check(Double(found) / Double(total) > 0.9, "recall@10 \(found)/\(total)")
            // A space pushed without an index cannot be searched through one.
            let plain = try PostgresAddress(parsing: try PostgresTestServer.requireURL()).naming(space: "pgquery_photos")
            try SpacePush(space: space, name: "pgquery_photos").runWaiting(to: plain)
            problems.check((try? PostgresSpace.open(plain, search: .hnsw(efSearch: 40))) == nil, "HNSW search without an index opened")
        }
    }

    @Test func aDroppedConnectionIsAnInputErrorNotACrash() async throws {
        try await Self.onOwnThread { problems in
            let space = try PhotoSpace.make(words: Self.words)
            let (_, pushed, images) = try Self.pushed(space, name: "pgquery_dropped")
            guard case .success = Self.run("top 3 beach", pushed) else { return problems.check(false, "the first query failed") }
            let connection = images.database.connection
            let pid = try BlockingCall.wait { () async throws -> Int32 in
                var pid: Int32 = 0
                for try await (value) in try await connection.query("SELECT pg_backend_pid()", logger: Logger(label: "test")).decode(Int32.self) { pid = value }
                return pid
            }
            let address = try PostgresAddress(parsing: try PostgresTestServer.requireURL())
            try BlockingCall.wait { () async throws in
                let other = try await SpaceDatabase.connect(to: address)
                try await other.execute("SELECT pg_terminate_backend(\(pid))")
                await other.close()
            }
            for text in ["top 3 beach", "top 3 beach where tag = \"sun\"", "show IMG_3", "top 2 IMG_5"] {
                guard case .failure(let error) = Self.run(text, pushed) else { problems.check(false, "\(text) ran on a dropped connection"); continue }
                problems.check(error.id == .imagesUnreadable && error.id.stage == .input, "\(text): \(error)")
            }
            // Words are in memory: they still answer.
            guard case .success = Self.run("words 3 beach", pushed) else { return problems.check(false, "words failed") }
        }
    }

    @Test func aSpaceThatIsNotThereIsAClearError() async throws {
        try await Self.onOwnThread { problems in
            let address = try PostgresAddress(parsing: try PostgresTestServer.requireURL()).naming(space: "pgquery_no_such_space")
            do {
                _ = try PostgresSpace.open(address)
                problems.check(false, "a space that is not there opened")
            } catch {
                problems.check((error as? PostgresSpaceError) == .noSuchSpace(name: "pgquery_no_such_space", server: address.redacted), "\(error)")
            }
        }
    }
}
