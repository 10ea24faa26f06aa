import Foundation
import Testing
@testable import GlimpseShell
import GlimpseTestSupport

/// Tab completion as a table: the line with `|` at the cursor, and what Tab offers there.
struct CompleterTests {
    static let vocabulary = ["beach", "bear", "beat", "bike", "café", "imagine", "king", "mean", "meant",
                             "ocean", "queen", "sea", "seaside", "show", "top", "words"].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

    static func context(continuation: Bool = false, imageCount: Int = 25, limit: Int = 100) -> CompletionContext {
        CompletionContext(
            variables: ["sea_mix", "shore", "x"], imageCount: imageCount,
            wordsWithPrefix: { prefix, limit in Array(vocabulary.filter { $0.hasPrefix(prefix) }.prefix(limit)) },
            isContinuation: continuation, limit: limit)
    }

    /// Completes `marked` at its `|` and returns the replaced word and the candidates.
    static func complete(_ marked: String, in context: CompletionContext = context()) -> (word: String, candidates: [String], completion: Completion) {
        let cursor = marked.utf8.firstIndex(of: UInt8(ascii: "|")).map { marked.utf8.distance(from: marked.utf8.startIndex, to: $0) }!
        let line = marked.replacingOccurrences(of: "|", with: "")
        let completion = Completer.complete(line: line, cursor: cursor, in: context)
        let word = String(decoding: Array(line.utf8)[completion.start..<cursor], as: UTF8.self)
        return (word, completion.candidates, completion)
    }

    @Test(arguments: [
        // statement start: keywords first, then variables, functions, words
        ("|", [String](["let", "top", "words", "show", "explain", "sea_mix", "shore", "x", "mean(", "norm(", "sim(", "image("])),
        ("ex|", ["explain"]),
        ("t|", ["top"]),
        ("wo|", ["words"]),
        ("s|", ["show", "sea_mix", "shore", "sim(", "sea", "seaside"]),
        // expression position: variables, functions, images, words
        ("top 5 be|", ["beach", "bear", "beat"]),
        ("top 5 beach + se|", ["sea_mix", "sea", "seaside"]),
        ("words 3 sho|", ["shore", "show"]),
        ("words 3 me|", ["mean(", "mean", "meant"]),
        ("words 3 qu|een", ["queen"]),
        ("words 3 caf|", ["café"]),
        ("words 3 Qu|", ["queen"]),
        ("top 3 |", ["sea_mix", "shore", "x", "mean(", "norm(", "sim(", "image("]),
        ("let x = 1; t|", ["top"]),
        ("let sh|", ["shore"]),
        // image ids once "img" is typed, smallest first
        ("top 3 IMG_2|", ["IMG_2", "IMG_20", "IMG_21", "IMG_22", "IMG_23", "IMG_24", "IMG_25"]),
        ("top 3 img_1|", ["IMG_1", "IMG_10", "IMG_11", "IMG_12", "IMG_13", "IMG_14", "IMG_15", "IMG_16", "IMG_17", "IMG_18", "IMG_19"]),
        ("top 3 [IMG_9|", ["IMG_9"]),
        ("top 3 IMG_0|", []),
        ("top 3 im|", ["image(", "imagine"]),
        // field names where a comparison of a 'where' clause starts
        ("top 5 beach where |", ["tag", "title", "file", "folder", "collection", "camera", "score", "size", "width", "height",
                                 "date", "modified", "not"]),
        ("top 5 beach where t|", ["tag", "title"]),
        ("top 5 beach where tag = \"sun\" and d|", ["date"]),
        ("top 5 beach where tag = \"sun\" or (s|", ["score", "size"]),
        ("top 5 beach where not c|", ["collection", "camera"]),
        ("words 5 beach where sc|", ["score"]),
        ("top 5 beach where tag = s|", ["sea_mix", "shore", "sim(", "sea", "seaside", "show"]),
        ("top 5 (beach + s|", ["sea_mix", "shore", "sim(", "sea", "seaside", "show"]),
        // inside quotes: words only; hits are not completed
        ("top 3 \"ice sea|", ["sea", "seaside"]),
        ("top 3 #|", []),
        // dot-commands and their arguments
        (".|", [".help", ".mode", ".timer", ".k", ".read", ".vars", ".show", ".space", ".open", ".gallery", ".preview", ".exit"]),
        (".s|", [".show", ".space"]),
        ("  .ti|", [".timer"]),
        (".mode j|", ["json"]),
        (".mode |", ["table", "json", "csv", "paths"]),
        (".timer o|", ["on", "off"]),
        (".help .m|", [".mode"]),
        (".help me|", ["mean"]),
        (".show IMG_1|", ["IMG_1", "IMG_10", "IMG_11", "IMG_12", "IMG_13", "IMG_14", "IMG_15", "IMG_16", "IMG_17", "IMG_18", "IMG_19"]),
        (".vars x|", []),
    ])
    func candidates(marked: String, expected: [String]) {
        #expect(Self.complete(marked).candidates == expected, "\(marked)")
    }

    @Test func theReplacedWordStartsWhereTheTypedWordStarts() {
        #expect(Self.complete("top 5 beach + se|").word == "se")
        #expect(Self.complete(".mo|").word == ".mo")
        #expect(Self.complete(".mode js|").word == "js")
        #expect(Self.complete("words 3 caf|").word == "caf")
        #expect(Self.complete("top 3 [IMG_9|").word == "IMG_9")
        #expect(Self.complete("let x = mean(beach,|").word == "")
    }

    @Test func aContinuationLineHasNoDotCommandsAndNoStatementStart() {
        let context = Self.context(continuation: true)
        #expect(!Self.complete(".|", in: context).candidates.contains(".help"))
        #expect(Self.complete("t|", in: context).candidates == ["top"])   // the word, not the keyword
        #expect(!Self.complete("|", in: context).candidates.contains("let"))
    }

    @Test func fileNamesAfterImageReadAndOpen() {
        for (marked, path) in [("top 3 image(\"pics/dog.j|", "pics/dog.j"), ("top 3 image (\"|", ""),
                               (".read ~/scr|", "~/scr"), (".open |", ""), (".open \"my sp|", "my sp")] {
            let (word, _, completion) = Self.complete(marked)
            #expect(completion.wantsFileNames, "\(marked)")
            #expect(word == path, "\(marked)")
        }
        #expect(!Self.complete("top 3 \"pic|").completion.wantsFileNames)
    }

    @Test func fileNamesComeFromTheTypedFolder() throws {
        let folder = ScratchFolder.unique("files")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        for name in ["tour.gq", "tools.gq", ".hidden.gq"] {
            try "".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.path + "/"
        #expect(FileNameCompletion.candidates(for: base + "to", home: "/") == [base + "tools.gq", base + "tour.gq"])
        #expect(FileNameCompletion.candidates(for: base + "sc", home: "/") == [base + "scripts/"])
        #expect(FileNameCompletion.candidates(for: base + ".h", home: "/") == [base + ".hidden.gq"])
        #expect(FileNameCompletion.candidates(for: "~/to", home: folder.path) == ["~/tools.gq", "~/tour.gq"])
        #expect(FileNameCompletion.candidates(for: base + "nothing/x", home: "/").isEmpty)
    }

    @Test func aLongListIsCutAndSaysSo() {
        let context = Self.context(imageCount: 100_000, limit: 10)
        let completion = Self.complete("top IMG_|", in: context).completion
        #expect(completion.candidates == (1...9).map { "IMG_\($0)" } + ["IMG_10"])
        #expect(completion.isTruncated)
        // A cut list must not grow the typed word to the common prefix of the part shown.
        #expect(completion.commonPrefix(typed: "IMG_") == "IMG_")
        #expect(Self.complete("words 3 bea|").completion.commonPrefix(typed: "bea") == "bea")
        #expect(Self.complete("words 3 sea|").completion.commonPrefix(typed: "sea") == "sea")
        #expect(Self.complete("words 3 qu|").completion.commonPrefix(typed: "qu") == "queen")
    }

    @Test func imageIdsStopAtTheSpacesCount() {
        #expect(Self.complete("top IMG_3|", in: Self.context(imageCount: 35)).candidates == ["IMG_3", "IMG_30", "IMG_31", "IMG_32", "IMG_33", "IMG_34", "IMG_35"])
        #expect(Self.complete("top IMG_|", in: Self.context(imageCount: 0)).candidates.isEmpty)
    }

    /// A space made by `glimpse index` keeps its numbers across updates: only the numbers images have are offered.
    @Test func imageIdsOfAnIndexedSpaceAreItsNumbers() {
        var context = Self.context(imageCount: 6)
        context.imageNumbers = [300, 1, 31, 2, 30, 4]
        #expect(Self.complete("top IMG_3|", in: context).candidates == ["IMG_30", "IMG_31", "IMG_300"])
        #expect(Self.complete("top IMG_|", in: context).candidates == ["IMG_1", "IMG_2", "IMG_4", "IMG_30", "IMG_31", "IMG_300"])
        #expect(Self.complete("top IMG_5|", in: context).candidates.isEmpty)
    }

    @Test func vocabularyOfTheRealFixtureIsSearchedByPrefix() {
        let context = CompletionContext(evaluator: .init(space: PictureSpace.space))
        let found = Self.complete("words 3 quee|", in: context).candidates
        #expect(found.first == "queen")
        #expect(found.allSatisfy { $0.hasPrefix("quee") })
        #expect(Self.complete("top 3 IMG_1|", in: context).candidates == ["IMG_1", "IMG_10", "IMG_11", "IMG_12"])
    }
}
