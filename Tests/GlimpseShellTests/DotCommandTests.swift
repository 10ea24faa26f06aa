import Testing
import GlimpseLanguage
@testable import GlimpseShell

struct DotCommandTests {
    @Test(arguments: [
        (".help", DotCommand.help(topic: nil)),
        (".help top", .help(topic: "top")),
        ("  .help .mode  ", .help(topic: ".mode")),
        (".mode json", .mode(.json)),
        (".mode CSV", .mode(.csv)),
        (".mode paths", .mode(.paths)),
        (".timer on", .timer(true)),
        (".timer off", .timer(false)),
        (".k 25", .defaultCount(25)),
        (".k 10000", .defaultCount(10000)),
        (".read experiments.gq", .read(path: "experiments.gq")),
        (".read \"my scripts/a b.gq\"", .read(path: "my scripts/a b.gq")),
        (".read ~/x.gq", .read(path: "~/x.gq")),
        (".vars", .vars),
        (".show IMG_3", .show(argument: "IMG_3", offset: 6)),
        (".show  #2", .show(argument: "#2", offset: 7)),
        (".space", .space),
        (".open /tmp/other.glimpse", .open(path: "/tmp/other.glimpse")),
        (".exit", .exit),
        (".EXIT", .exit),
    ])
    func parses(line: String, expected: DotCommand) {
        #expect(DotCommand.parse(line) == .success(expected))
    }

    @Test(arguments: [
        (".hepl", "unknown command '.hepl'", "did you mean '.help'?"),
        (".vasr", "unknown command '.vasr'", "did you mean '.vars'?"),
        (".frobnicate", "unknown command '.frobnicate'", "'.help' lists the commands"),
        (".mode xml", "'.mode' takes table, json, csv or paths (not 'xml')", nil),
        (".mode", "'.mode' takes table, json, csv or paths", nil),
        (".timer maybe", "'.timer' takes on or off", nil),
        (".k 0", "'.k' takes a whole number from 1 to 10000", "the current K is shown by '.space'"),
        (".k 10001", "'.k' takes a whole number from 1 to 10000", "the current K is shown by '.space'"),
        (".k ten", "'.k' takes a whole number from 1 to 10000", "the current K is shown by '.space'"),
        (".read", "'.read' needs a file name", "usage: .read FILE"),
        (".open", "'.open' needs a file name", "usage: .open PATH"),
        (".vars x", "'.vars' takes no argument", nil),
        (".exit now", "'.exit' takes no argument", nil),
        (".show", "'.show' needs an image", "usage: .show IMG_n (or #n)"),
        (".help top words", "'.help' takes one topic", "usage: .help [topic]"),
        (".k 5; top beach", "'.k' takes one line without ';'", "write statements on a line of their own"),
    ] as [(String, String, String?)])
    func refuses(line: String, message: String, note: String?) {
        #expect(DotCommand.parse(line) == .failure(DotCommandError(message, note: note)))
    }

    @Test func aDotFollowedByADigitIsANumberNotACommand() {
        #expect(DotCommand.isDotCommand(".help"))
        #expect(DotCommand.isDotCommand("   .k 3"))
        #expect(!DotCommand.isDotCommand(".5*park"))
        #expect(!DotCommand.isDotCommand("top 5 .5*park"))
        #expect(!DotCommand.isDotCommand("."))
    }

    @Test func everyCommandAndTopicHasHelp() throws {
        for topic in HelpText.topics {
            #expect(throws: Never.self) { try HelpText.topic(topic).get() }
        }
        #expect(try HelpText.topic("mode").get().hasPrefix(".mode"))
        #expect(try HelpText.topic("sim").get().hasPrefix("sim(a, b)"))
        #expect(HelpText.topic("tpo") == .failure(DotCommandError("no help on 'tpo'", note: "did you mean 'top'?")))
        for name in DotCommand.names { #expect(HelpText.overview.contains("." + name), "\(name)") }
        #expect(HelpText.overview.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // Every field of a condition is in the help of 'where'.
        let whereHelp = try HelpText.topic("where").get()
        for field in ConditionField.allCases { #expect(whereHelp.contains(field.name), "\(field.name)") }
        #expect(try HelpText.topic("_").get().hasPrefix("_\n"))
    }
}
