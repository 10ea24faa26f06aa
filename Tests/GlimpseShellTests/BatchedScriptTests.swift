import Foundation
import GlimpseCore
import GlimpseLanguage
import Testing
@testable import GlimpseShell
import GlimpseTestSupport

/// Batched and serial runs give the same bytes: random scripts over the fixture space (its 20,000
/// words and 295 images), with errors, `#n`, `let`, `among`, `including query`, comments and `;`,
/// run through `ScriptRunner` searching ahead and searching statement by statement, in every output
/// format, stopping at the first error or going on, interrupted or not: standard output, standard
/// error, the exit status and the session's state afterwards are equal.
struct BatchedScriptTests {
    /// The fixture words and images (Tests/Fixtures), in memory, with float32 or float16 storage.
    static let spaces: [Space] = VectorStorage.allCases.map { storage in
        let folder = PackageFolder.root.appendingPathComponent("Tests/Fixtures").path
        do {
            let words = try WordListNumpyReader.read(wordsPath: folder + "/glove-20k/words.txt", vectorsPath: folder + "/glove-20k/vectors.npy")
            let images = try ImageImportReader.read(vectorsPath: folder + "/images/vectors.npy", metadataPath: folder + "/images/metadata.tsv")
            return try Space(words: words.words, wordVectors: words.vectors, images: images.images, imageVectors: images.vectors,
                             dimension: words.dimension, model: "glove-20k", source: "fixture", vectorStorage: storage)
        } catch {
            fatalError("cannot build the fixture space from \(folder): \(error)")
        }
    }

    /// Everything a run leaves behind.
    struct Run: Equatable {
        var output = ""
        var error = ""
        /// Both streams in the order they were written, each piece marked with its stream.
        var interleaved: [String] = []
        var status = ExitStatus.success
        var variables: [String: Value] = [:]
        var lastListing: Evaluator.Listing?
        var statementCount = 0
    }

    struct Setting: CustomStringConvertible {
        var format: OutputFormat
        var style: TableStyle
        var keepGoing: Bool
        /// The statement before which Ctrl-C arrives (nil: never).
        var interruptBefore: Int?
        var threads: Int
        var space: Space

        var description: String {
            "format \(format) echo \(style.echoQuery) width \(style.width.map(String.init) ?? "-") keep-going \(keepGoing) "
                + "interrupt \(interruptBefore.map(String.init) ?? "-") threads \(threads) storage \(space.halfWordVectors == nil ? "f32" : "f16")"
        }
    }

    /// The evaluator `glimpse` makes: the fast searches, whose batch form is sgemm.
    static func evaluator(_ space: Space, threads: Int) -> Evaluator {
        Evaluator(space: space, wordSearch: space.wordSearch(threads: threads),
                  wordSearchAmongFirst: { space.wordSearch(amongFirst: $0, threads: threads) },
                  imageSearch: space.imageSearch(threads: threads))
    }

    static func run(_ text: String, _ setting: Setting, searchAhead: Evaluator.SearchAheadLimits) -> Run {
        var run = Run()
        var output = "", error = "", interleaved: [String] = []
        let runner = ScriptRunner(evaluator: evaluator(setting.space, threads: setting.threads), format: setting.format,
                                  style: setting.style, keepGoing: setting.keepGoing, renderer: DiagnosticRenderer(colour: false),
                                  write: { output += $0; interleaved.append("out: " + $0) },
                                  writeError: { error += $0; interleaved.append("err: " + $0) })
        runner.searchAhead = searchAhead
        // Asked before every statement but the first, as the REPL's Ctrl-C flag is.
        var asked = 1
        runner.isInterrupted = {
            asked += 1
            return asked == setting.interruptBefore
        }
        run.status = runner.run(Source(name: "script.gq", text: text))
        (run.output, run.error, run.interleaved) = (output, error, interleaved)
        (run.variables, run.lastListing, run.statementCount) = (runner.evaluator.variables, runner.evaluator.lastListing, runner.statementCount)
        return run
    }

    @Test func batchedAndSerialRunsGiveTheSameBytes() throws {
        var random = SplitMix64(seed: 2026)
        var failures = 0, listings = 0
        for trial in 0..<36 {
            let script = RandomScript.text(statements: Int.random(in: 1...32, using: &random), using: &random)
            let setting = Setting(
                format: OutputFormat.allCases[trial % OutputFormat.allCases.count],
                style: TableStyle(echoQuery: Bool.random(using: &random), width: Bool.random(using: &random) ? nil : 60),
                keepGoing: trial % 3 != 0,
                interruptBefore: trial % 5 == 0 ? Int.random(in: 2...20, using: &random) : nil,
                threads: 1 + trial % 2,
                space: Self.spaces[(trial / 2) % Self.spaces.count])
            // Batches of every size up to the whole script; small ones put boundaries everywhere.
            let limits = [Evaluator.SearchAheadLimits.standard,
                          Evaluator.SearchAheadLimits(statements: Int.random(in: 2...6, using: &random), hits: 40, multiplyAdds: 1 << 30)][trial % 2]
            let serial = Self.run(script, setting, searchAhead: .none)
            let batched = Self.run(script, setting, searchAhead: limits)
            #expect(batched == serial, "trial \(trial), \(setting):\n\(script)")
            failures += serial.error.components(separatedBy: ": error: ").count - 1
            listings += serial.lastListing == nil ? 0 : 1
        }
        // The scripts must both fail and list, often.
        #expect(failures > 30)
        #expect(listings > 15)
    }

    /// The analogy benchmark's shape, past one standard batch (1,024 statements): `words 1 b - a + c`
    /// with quoted words, some unknown, in CSV with --keep-going (among the first 2,000 words, which
    /// makes the serial run of a debug build quicker).
    @Test func aLongAnalogyScriptGivesTheSameBytes() throws {
        var random = SplitMix64(seed: 19544)
        let words = RandomScript.words + ["zzqx"]
        let script = (0..<1100).map { _ in
            let (a, b, c) = (words.randomElement(using: &random)!, words.randomElement(using: &random)!, words.randomElement(using: &random)!)
            return "words 1 \"\(b)\" - \"\(a)\" + \"\(c)\" among 2000"
        }.joined(separator: "\n")
        let setting = Setting(format: .csv, style: TableStyle(), keepGoing: true, interruptBefore: nil, threads: 2, space: Self.spaces[0])
        let serial = Self.run(script, setting, searchAhead: .none)
        #expect(Self.run(script, setting, searchAhead: .standard) == serial)
        #expect(serial.statementCount == 1100)
        #expect(serial.status == .runtime)
    }

    /// The same on the real demo space (400,000 words and its images), when GLIMPSE_DEMO_SPACE names
    /// it (built by 'make demo'; not committed).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GLIMPSE_DEMO_SPACE"] != nil, "set GLIMPSE_DEMO_SPACE"))
    func batchedAndSerialRunsGiveTheSameBytesOnTheDemoSpace() throws {
        let space = try Space.open(path: ProcessInfo.processInfo.environment["GLIMPSE_DEMO_SPACE"]!)
        var random = SplitMix64(seed: 400_000)
        for trial in 0..<8 {
            let script = RandomScript.text(statements: 30, using: &random)
            let setting = Setting(format: OutputFormat.allCases[trial % OutputFormat.allCases.count], style: TableStyle(),
                                  keepGoing: true, interruptBefore: nil, threads: 2, space: space)
            #expect(Self.run(script, setting, searchAhead: .standard) == Self.run(script, setting, searchAhead: .none),
                    "trial \(trial):\n\(script)")
        }
    }

    /// Notebooks run through the same batches: the page is the same.
    @Test func notebooksGiveTheSamePage() throws {
        var random = SplitMix64(seed: 77)
        for trial in 0..<6 {
            let text = "-- a notebook\n" + RandomScript.text(statements: 25, using: &random)
            let space = Self.spaces[trial % Self.spaces.count]
            func page(_ limits: Evaluator.SearchAheadLimits) -> String {
                let (notebook, syntaxErrors) = Notebook.run(Source(name: "n.gq", text: text), title: "n", evaluator: Self.evaluator(space, threads: 2),
                                                            glimpseVersion: "test", searchAhead: limits)
                guard let notebook else { return "syntax errors: \(syntaxErrors)" }
                return NotebookMarkdown(thumbnails: nil, folder: "n").render(notebook).text
            }
            #expect(page(.standard) == page(.none), "\(text)")
        }
    }
}

/// Random script text over the fixture vocabulary: mostly searches that can share batches, and
/// everything that must wait or fail.
enum RandomScript {
    static let words = ["king", "man", "woman", "queen", "paris", "france", "italy", "rome", "beach", "sunrise", "sea",
                        "ocean", "dog", "cat", "city", "park", "bike", "red", "blue", "ice", "cream", "music", "snow",
                        "forest", "train", "walking", "walk", "swim", "big", "small", "bigger", "sunset", "boat"]
    /// Variables, one of them a word that it then hides.
    static let variables = ["a", "b", "beach"]

    static func text(statements: Int, using random: inout SplitMix64) -> String {
        var lines: [String] = []
        var line = ""
        for _ in 0..<statements {
            let next = statement(using: &random)
            if !line.isEmpty, Int.random(in: 0..<6, using: &random) == 0 {
                line += "; " + next
            } else {
                if !line.isEmpty { lines.append(line) }
                if Int.random(in: 0..<8, using: &random) == 0 { lines.append("-- a comment") }
                line = next
            }
        }
        if !line.isEmpty { lines.append(line) }
        // Now and then a syntax error: then nothing runs at all.
        if Int.random(in: 0..<25, using: &random) == 0 { lines.insert("words 3 (king", at: Int.random(in: 0...lines.count, using: &random)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func statement(using random: inout SplitMix64) -> String {
        let count = ["", "1 ", "3 ", "10 "].randomElement(using: &random)!
        let including = Int.random(in: 0..<4, using: &random) == 0 ? " including query" : ""
        switch Int.random(in: 0..<20, using: &random) {
        case 0..<6:
            let among = ["", "", " among 100", " among 5000"].randomElement(using: &random)!
            return "words \(count)\(expression(depth: 0, using: &random))\(among)\(including)"
        case 6..<11:
            return "top \(count)\(expression(depth: 0, using: &random))\(including)"
        case 11..<13:
            return "let \(variables.randomElement(using: &random)!) = \(expression(depth: 0, using: &random))"
        case 13..<15:
            return expression(depth: 0, using: &random)
        case 15:
            return "show " + ["IMG_\(Int.random(in: 1...300, using: &random))", "#\(Int.random(in: 1...4, using: &random))",
                              variables.randomElement(using: &random)!].randomElement(using: &random)!
        default:
            let (a, b, c) = (words.randomElement(using: &random)!, words.randomElement(using: &random)!, words.randomElement(using: &random)!)
            return "words 1 \"\(b)\" - \"\(a)\" + \"\(c)\""
        }
    }

    static func expression(depth: Int, using random: inout SplitMix64) -> String {
        guard depth < 2, Int.random(in: 0..<3, using: &random) > 0 else { return term(using: &random) }
        let a = expression(depth: depth + 1, using: &random), b = expression(depth: depth + 1, using: &random)
        switch Int.random(in: 0..<12, using: &random) {
        case 0..<3: return "\(a) + \(b)"
        case 3..<5: return "\(a) - \(b)"
        case 5: return "2*\(a)"
        case 6: return "(\(a)) / 3"
        case 7: return "-(\(a))"
        case 8: return "mean(\(a), \(b))"
        case 9: return "norm(\(a))"
        case 10: return "sim(\(a), \(b))"  // a number: an error where a vector is needed
        default: return "\(a) - \(a)"  // a zero vector when it is one
        }
    }

    static func term(using random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<40, using: &random) {
        case 0..<24: return words.randomElement(using: &random)!
        case 24..<26: return "\"\(words.randomElement(using: &random)!) \(words.randomElement(using: &random)!)\""
        case 26..<30: return "IMG_\(Int.random(in: 1...300, using: &random))"
        case 30..<33: return "#\(Int.random(in: 1...12, using: &random))"
        case 33..<37: return variables.randomElement(using: &random)!
        case 37: return "zzqx"
        case 38: return "0.5"
        default: return "\(words.randomElement(using: &random)!) / 0"
        }
    }
}
