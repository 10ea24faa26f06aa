import Foundation
import Testing
import GlimpseTestSupport

/// The real binary in a pseudo-terminal (tmux), typed at like a person would:
/// a query, Tab on a word and on a variable, a multi-line entry, Ctrl-C on a
/// half-typed line, an error, Ctrl-D; then a restart and the Up arrow.
///
/// Needs tmux (Debian/Ubuntu package `tmux`); without it the test fails rather than pass unseen.
@Suite(.serialized)
struct TerminalSessionTests {
    @Test(.timeLimit(.minutes(3)))
    func aSessionAtTheKeyboard() throws {
        _ = try #require(TmuxSession.tmux, "tmux is needed for the terminal test: apt-get install tmux")
        let binary = try #require(GlimpseBinary.path, "the glimpse binary was not found; build it with 'swift build'")
        let folder = ScratchFolder.named("pty")  // a short path: the error line with it must fit the terminal
        let configFolder = folder.appendingPathComponent("config/glimpse")
        try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The start-up file defines a variable, sets K and has an error that must not stop the shell.
        try "let coast_mix = mean(beach, ocean)\n.k 4\nwords 2 nosuchwordzz\n"
            .write(to: configFolder.appendingPathComponent("glimpserc"), atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("run.sh").path
        try """
            export HOME='\(folder.path)/home' XDG_STATE_HOME='\(folder.path)/state' XDG_CONFIG_HOME='\(folder.path)/config'
            unset NO_COLOR
            # Ctrl-C reaches the whole foreground group: this shell must outlive it to
            # record the exit status (a trap, unlike an ignore, is not inherited by glimpse).
            trap 'true' INT
            '\(binary)' --space '\(PictureSpace.path)'
            echo "exit status $?" > "$1"
            exec sleep 600

            """.write(toFile: script, atomically: true, encoding: .utf8)
        let socket = folder.appendingPathComponent("tmux.sock").path
        let first = try TmuxSession(socket: socket, name: "first", script: script, arguments: [folder.path + "/first-status"])
        defer { first.killServer() }

        try first.waitFor("Type .help for help.")
        try first.waitFor("glimpserc:3:9: error: unknown word 'nosuchwordzz'")
        try first.waitForLastLine("glimpse>")

        // A query.
        try first.type("words 3 king - man + woman")
        try first.press("Enter")
        try first.waitFor(" 3  prince  0.759")

        // Tab completes a word, then a variable from the start-up file.
        try first.type("words 2 quee")
        try first.press("Tab")
        try first.waitForLastLine("glimpse> words 2 queen")
        try first.press("Enter")
        try first.waitFor(" 1  princess  0.852")
        try first.type("words coast_")
        try first.press("Tab")
        try first.waitForLastLine("glimpse> words coast_mix")
        try first.press("Enter")
        let afterVariable = try first.waitFor(" 4  ")   // .k 4 from the start-up file
        #expect(!afterVariable.contains { $0.hasPrefix(" 5  ") })

        // A multi-line entry: an open parenthesis continues on the ...> prompt.
        try first.type("top 2 mean(beach,")
        try first.press("Enter")
        try first.waitForLastLine("    ...>")
        try first.type("sunrise)")
        try first.press("Enter")
        try first.waitFor(" 1  IMG_2  0.938  sunrise over the beach")

        // Ctrl-C drops a half-typed line; the next entry runs alone.
        try first.type("words 2 half typ")
        // The terminal flushes unread input on Ctrl-C: let the shell read the line first.
        try first.waitForLastLine("glimpse> words 2 half typ")
        try first.press("C-c")
        try first.waitFor("glimpse> words 2 half typ^C")
        try first.waitForLastLine("glimpse>")
        try first.type("words 1 cat")
        try first.press("Enter")
        let afterInterrupt = try first.waitFor(" 1  dog   0.922")
        #expect(!afterInterrupt.contains { $0.contains("unknown word 'typ'") || $0.contains("'half'") })

        // An error: the diagnostic with a caret under the typed line; the session goes on.
        try first.type("top 3 beahc + sea")
        try first.press("Enter")
        try first.waitFor("<input>:1:7: error: unknown word 'beahc'")
        try first.waitFor("  |       ^~~~~")
        try first.waitForLastLine("glimpse>")

        // Ctrl-D on an empty line: exit status 0.
        try first.press("C-d")
        let status = folder.appendingPathComponent("first-status").path
        try first.waitUntil("the shell to exit") { _ in FileManager.default.fileExists(atPath: status) }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(try String(contentsOfFile: status, encoding: .utf8) == "exit status 0\n")

        // After a restart the Up arrow recalls the last session's entries, newest first.
        let second = try TmuxSession(socket: socket, name: "second", script: script, arguments: [folder.path + "/second-status"])
        try second.waitForLastLine("glimpse>")
        try second.press("Up")
        try second.waitForLastLine("glimpse> top 3 beahc + sea")
        try second.press("Up")
        try second.waitForLastLine("glimpse> words 1 cat")
        try second.press("Up")
        try second.waitForLastLine("glimpse> top 2 mean(beach, sunrise)")
        try second.press("Enter")
        try second.waitFor(" 1  IMG_2  0.938  sunrise over the beach")
        try second.press("C-d")
        let secondStatus = folder.appendingPathComponent("second-status").path
        try second.waitUntil("the second shell to exit") { _ in FileManager.default.fileExists(atPath: secondStatus) }

        // The history file holds what was entered, without the dropped line; the
        // recalled entry ran again in the second session, so it is there again.
        let history = try String(contentsOfFile: folder.path + "/state/glimpse/history", encoding: .utf8)
        #expect(history == """
            words 3 king - man + woman
            words 2 queen
            words coast_mix
            top 2 mean(beach, sunrise)
            words 1 cat
            top 3 beahc + sea
            top 2 mean(beach, sunrise)

            """)
    }
}
