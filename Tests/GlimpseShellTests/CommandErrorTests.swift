import GlimpseCore
import GlimpseLanguage
import GlimpseTestSupport
import Testing
@testable import GlimpseShell

/// The one mapping from an error to what glimpse prints and its exit status.
struct CommandErrorTests {
    struct SomeLibraryError: Error, CustomStringConvertible {
        var description: String { "the feature cache is damaged" }
    }

    @Test func eachErrorGetsItsStatusAndLines() throws {
        let cases: [(any Error, GlimpseShell.ExitStatus, String)] = [
            (CommandError(.usage, "no image IMG_9", "a hint"), .usage, "glimpse: no image IMG_9\nglimpse: a hint\n"),
            (CommandError(.syntax, rendered: "x.gq:1:1: error: ...\n"), .syntax, "x.gq:1:1: error: ...\n"),
            (OptionError("no image IMG_7: this space has 3 images"), .usage, "glimpse: no image IMG_7: this space has 3 images\n"),
            (try invalidUTF8(), .syntax, "glimpse: <stdin>: invalid UTF-8 at byte 2\n"),
            (ScriptFileError(path: "a.gq", reason: .missing), .io, "glimpse: cannot read a.gq: no such file\n"),
            (ScriptFileError(path: "d", reason: .folder), .io, "glimpse: cannot read d: is a folder, not a script\n"),
            (ScriptFileError(path: "b.gq", reason: .invalidUTF8(byteOffset: 3)), .syntax, "glimpse: b.gq: invalid UTF-8 at byte 3\n"),
            (SomeLibraryError(), .io, "glimpse: the feature cache is damaged\n"),
        ]
        for (error, status, text) in cases {
            let failure = CommandError(error)
            #expect(failure.status == status, "\(error)")
            #expect(failure.text == text)
        }
    }

    @Test func aMissingDefaultSpaceSaysHowToBuildIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let given = folder.file("absent.glimpse")
        let reason = try #require(spaceOpeningError(given))
        #expect(!reason.defaultSpaceMissing && reason.path == given)
        #expect(CommandError(reason).text == "glimpse: \(reason.reason)\n")

        let missingDefault = SpaceOpeningError(path: given, reason: reason.reason, defaultSpaceMissing: true)
        #expect(CommandError(missingDefault).status == .io)
        #expect(CommandError(missingDefault).text == "glimpse: \(reason.reason)\n"
            + "glimpse: no space at \(given); build the demo space with 'make demo', or pass --space PATH\n")
    }

    func invalidUTF8() throws -> InvalidUTF8 {
        do {
            _ = try Source(name: "<stdin>", bytes: [0x61, 0x62, 0xFF])
        } catch {
            return error
        }
        throw CommandError(.usage, "the bytes decoded")
    }

    func spaceOpeningError(_ path: String) -> SpaceOpeningError? {
        do {
            _ = try SpaceLocation.open(path)
            return nil
        } catch {
            return error
        }
    }
}
