import Foundation
import GlimpseCore
import GlimpseLanguage
import GlimpseTestSupport
import Testing
@testable import GlimpseShell

/// Reading a script from disk, for `glimpse run`, `glimpse notebook` and the shell's `.read`.
struct ScriptFileTests {
    @Test func aScriptIsNamedAsTheUserWroteIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("tour.gq", "words 3 king\n")
        let source = try ScriptFile.read("~/tour.gq", at: path)
        #expect(source.name == "~/tour.gq" && source.text == "words 3 king\n")
        #expect(try ScriptFile.read(path).name == path)
    }

    @Test func aTildeMeansTheHomeFolder() throws {
        #expect(throws: ScriptFileError(path: "~/no-such-glimpse-script.gq", reason: .missing)) {
            try ScriptFile.read("~/no-such-glimpse-script.gq")
        }
        // Read from the home folder itself: it is a folder, not a missing file.
        #expect(throws: ScriptFileError(path: "~", reason: .folder)) { try ScriptFile.read("~") }
    }

    @Test func whyAScriptCannotBeRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: ScriptFileError(path: folder.file("absent.gq"), reason: .missing)) {
            try ScriptFile.read(folder.file("absent.gq"))
        }
        #expect(throws: ScriptFileError(path: folder.path, reason: .folder)) { try ScriptFile.read(folder.path) }
        let bytes = try folder.write("latin1.gq", bytes: Array("words 3 caf".utf8) + [0xE9, 0x0A])
        #expect(throws: ScriptFileError(path: bytes, reason: .invalidUTF8(byteOffset: 11))) { try ScriptFile.read(bytes) }
    }

    /// Root reads a file whatever its mode, so the check means something only for other users.
    @Test(.enabled(if: geteuid() != 0, "runs as root, which reads files with mode 000: nothing to test"))
    func anUnreadableFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("unreadable.gq", "words 1 park\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        #expect(throws: ScriptFileError(path: path, reason: .permissionDenied)) { try ScriptFile.read(path) }
    }

    @Test(arguments: [
        (ScriptFileError.Reason.missing, "no such file"),
        (.folder, "is a folder, not a script"),
        (.permissionDenied, "permission denied"),
        (.invalidUTF8(byteOffset: 7), "invalid UTF-8 at byte 7"),
    ])
    func reasonsReadAsText(_ reason: ScriptFileError.Reason, _ text: String) {
        #expect("\(reason)" == text)
    }
}
