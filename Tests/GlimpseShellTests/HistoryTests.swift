import Foundation
import Testing
@testable import GlimpseShell
import GlimpseTestSupport

struct HistoryTests {
    static func temporaryFile() -> String {
        let folder = ScratchFolder.unique("history")
        return folder.appendingPathComponent("state/glimpse/history").path
    }

    @Test func keepsNoBlankLinesAndNoRepeatsInARow() {
        let history = History(path: nil)
        #expect(history.add("top 5 beach"))
        #expect(!history.add(""))
        #expect(!history.add("   "))
        #expect(!history.add("top 5 beach"))
        #expect(history.add("words 3 king"))
        #expect(history.add("top 5 beach"))   // a repeat, but not in a row
        #expect(history.entries == ["top 5 beach", "words 3 king", "top 5 beach"])
    }

    @Test func isSavedAsSoonAsAnEntryIsAddedAndReadBack() throws {
        let path = Self.temporaryFile()
        #expect(ShellPaths.createFolders(above: path))
        let first = History(path: path)
        first.add("let x = beach + sunrise")
        // Saved before the session ends: a second reader sees it at once.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "let x = beach + sunrise\n")
        first.add("top 3 x")
        first.add("top 3 x")
        let second = History(path: path)
        #expect(second.entries == ["let x = beach + sunrise", "top 3 x"])
    }

    @Test func loadingDropsBlankLinesAndRepeatsFromAnEditedFile() throws {
        let path = Self.temporaryFile()
        #expect(ShellPaths.createFolders(above: path))
        try "a\n\na\nb\n   \nb\na\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(History(path: path).entries == ["a", "b", "a"])
    }

    @Test func staysWithinItsCapacityOnDisk() throws {
        let path = Self.temporaryFile()
        #expect(ShellPaths.createFolders(above: path))
        let history = History(path: path, capacity: 5)
        for i in 1...23 { history.add("words \(i) king") }
        #expect(history.entries == (19...23).map { "words \($0) king" })
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count < 10)
        #expect(History(path: path, capacity: 5).entries == history.entries)
    }

    @Test func aMultiLineEntryIsOneLineUnlessACommentWouldEatTheRest() {
        #expect(History.line(forEntry: ["let x = mean(beach,", "   ocean)"]) == "let x = mean(beach, ocean)")
        #expect(History.line(forEntry: ["top 3 beach +  -- the sea", "sunrise"]) == nil)
        #expect(History.line(forEntry: ["top 3 beach -- the sea"]) == "top 3 beach -- the sea")
    }

    @Test func pathsFollowXDGAndFallBackToHome() {
        let xdg = ShellPaths(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/state", "XDG_CONFIG_HOME": "/config"])
        #expect(xdg.history == "/state/glimpse/history")
        #expect(xdg.startupCandidates == ["/config/glimpse/glimpserc", "/home/u/.glimpserc"])
        let plain = ShellPaths(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "relative/ignored"])
        #expect(plain.history == "/home/u/.local/state/glimpse/history")
        #expect(plain.expandingTilde("~/a.gq") == "/home/u/a.gq")
        #expect(plain.expandingTilde("a~/b") == "a~/b")
    }
}
