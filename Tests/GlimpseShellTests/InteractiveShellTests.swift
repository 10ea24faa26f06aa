import Foundation
import GlimpseCore
import GlimpseLanguage
import Testing
@testable import GlimpseShell
import GlimpseTestSupport

/// The shell's entry loop in-process, over plain text instead of a terminal.
struct InteractiveShellTests {
    /// Everything the shell wrote, standard output and error apart.
    final class Capture: @unchecked Sendable {
        var output = ""
        var error = ""
    }

    static func makeShell(space: Space = PictureSpace.space, home: String? = nil) -> (InteractiveShell, Capture) {
        let capture = Capture()
        let runner = ScriptRunner(evaluator: Evaluator(space: space), style: TableStyle(echoQuery: false), write: { capture.output += $0 },
                                  writeError: { capture.error += $0 })
        let home = home ?? ScratchFolder.unique("home").path
        return (InteractiveShell(session: runner, environment: ["HOME": home]), capture)
    }

    @discardableResult
    static func run(_ shell: InteractiveShell, _ text: String, name: String = "<stdin>") -> GlimpseShell.ExitStatus {
        shell.run(reader: PlainLineReader(text: text), sourceName: name, interactive: false)
    }

    @Test func variablesSurviveErrorsAndTheSessionGoesOn() {
        let (shell, capture) = Self.makeShell()
        let status = Self.run(shell, "let sea = mean(beach, ocean)\nwords 2 beahc\ntop 1 sea\n")
        #expect(status == .runtime)
        #expect(capture.error.contains("<stdin>:2:9: error: unknown word 'beahc'"))
        #expect(capture.output.contains("sunrise over the beach"))
        #expect(shell.session.evaluator.variables["sea"] != nil)
    }

    @Test func aMultiLineEntryRunsOnceWhenComplete() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, "let x = mean(beach,\n   ocean)\n.vars\n")
        #expect(capture.output == "x = 0.5*beach + 0.5*ocean\n")
        #expect(capture.error.isEmpty)
    }

    @Test func anErrorInsideAMultiLineEntryNamesTheLineOfTheInput() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, "words 1 king\n\nlet x = (beach +\n   oceann)\n")
        #expect(capture.error.hasPrefix("<stdin>:4:4: error: unknown word 'oceann'"))
    }

    @Test func unfinishedInputAtTheEndIsReported() {
        let (shell, capture) = Self.makeShell()
        #expect(Self.run(shell, "top 3 (beach +\n") == .syntax)
        #expect(capture.error.contains("found end of input"))
    }

    @Test func dotCommandsChangeTheSession() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, ".k 2\nwords king\n.mode csv\nwords 1 queen\n.mode paths\ntop 2 bicycle\n")
        #expect(capture.output == """
             #  word    score
             1  prince  0.824
             2  queen   0.784
            statement,kind,rank,item,score,title,tags,file
            2,word,1,princess,0.851517,,,
            pictures/1.png
            pictures/12.png

            """)
        #expect(shell.session.evaluator.defaultCount == 2)
    }

    @Test func unknownCommandsSuggestTheClosest() {
        let (shell, capture) = Self.makeShell()
        #expect(Self.run(shell, "words 1 king\n.hepl\n") == .runtime)
        #expect(capture.error == "<stdin>:2: error: unknown command '.hepl'\nnote: did you mean '.help'?\n")
    }

    @Test func showAndVarsAndSpace() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, ".show IMG_5\nlet w = 2\nlet v = bicycle + park + park\n.vars\n.space\n.show IMG_99\n")
        #expect(capture.output.hasPrefix("""
            IMG_5
              file   pictures/5.png
              title  ice cream cone
              tags   ice, cream, dessert
            v = bicycle + 2*park
            w = 2
            words     20,000
            images    12
            dimension 50
            model     glove-20k
            source    test pictures
            file      (built in memory)
            """))
        #expect(capture.error.contains("no image has the id 'IMG_99'"))
        #expect(capture.error.contains("6 |  show IMG_99\n  |       ^~~~~~"))
    }

    @Test func readRunsAScriptWithTheSameEngineAndReportsAMissingFile() throws {
        let folder = ScratchFolder.unique("read")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "let snowy = snow + winter\nwords 2 snowy\n".write(to: folder.appendingPathComponent("s.gq"), atomically: true, encoding: .utf8)
        let (shell, capture) = Self.makeShell(home: folder.path)
        Self.run(shell, ".read ~/s.gq\n.read ~/missing.gq\n.vars\n")
        #expect(capture.output.hasPrefix("words 2 snow + winter\n #  word"))   // a read script's queries are shown
        #expect(capture.output.hasSuffix("snowy = snow + winter\n"))
        #expect(capture.error == "<stdin>:2: error: cannot read '~/missing.gq': no such file\n")
    }

    @Test func openKeepsTheOldSpaceOnFailureAndSwapsOnSuccess() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, "let x = king\n.open /nonexistent/space.glimpse\n.vars\n")
        #expect(capture.error.contains("error: /nonexistent/space.glimpse: cannot open"))
        #expect(capture.error.contains("note: still using the space in memory"))
        #expect(capture.output == "x = king\n")
        capture.output = ""
        Self.run(shell, ".k 3\n.open \(PictureSpace.path)\n.vars\nwords queen\n")
        #expect(capture.output.hasPrefix("opened \(PictureSpace.path) (20,000 words, 12 images, dimension 50); variables cleared\n(no variables)\n"))
        #expect(shell.session.evaluator.space.info.path == PictureSpace.path)
        #expect(shell.session.evaluator.defaultCount == 3)
    }

    @Test func timerPrintsTheTimeOfEachEntry() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, ".timer on\nwords 1 king\n")
        #expect(capture.output.split(separator: "\n").last?.hasPrefix("time: ") == true)
        #expect(capture.output.hasSuffix(" ms\n"))
    }

    @Test func anInterruptStopsAnEntryBetweenStatements() {
        let (shell, capture) = Self.makeShell()
        var asked = 0
        shell.session.isInterrupted = {
            asked += 1
            return asked == 2   // Ctrl-C while the second statement ran
        }
        Self.run(shell, "words 1 king; words 1 queen; words 1 cat; words 1 dog\n")
        #expect(capture.output.components(separatedBy: " 1  ").count - 1 == 2)
        #expect(capture.error == "interrupted: 2 statements not run\n")
    }

    @Test func exitStopsReading() {
        let (shell, capture) = Self.makeShell()
        #expect(Self.run(shell, "words 1 king\n.exit\nwords 1 queen\n") == .success)
        #expect(capture.output == " #  word    score\n 1  prince  0.824\n")
    }

    @Test func helpIsConciseAndKnowsItsTopics() {
        let (shell, capture) = Self.makeShell()
        Self.run(shell, ".help\n.help mean\n.help nosuch\n")
        #expect(capture.output.hasPrefix("Statements"))
        #expect(capture.output.contains("mean(a, b, ...)\n  The mean of its arguments, each counted once.\n"))
        #expect(capture.error.contains("error: no help on 'nosuch'"))
    }
}
