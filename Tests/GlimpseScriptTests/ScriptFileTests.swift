import Foundation
import GlimpseTestSupport
import Testing

/// `glimpse run FILE` on files that are not readable scripts: each is an I/O
/// error (74) that names the file and says why.
struct ScriptFileTests {
    static let folder: URL = {
        ScratchFolder.named("files")
    }()

    @Test func missingFile() throws {
        let path = Self.folder.appendingPathComponent("no-such-script.gq").path
        let result = try BuiltProgram.run(["run", path, "--space", FixtureSpace.path])
        #expect(result.status == 74)
        #expect(result.standardError == "glimpse: cannot read \(path): no such file\n")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func folderInsteadOfAScript() throws {
        let result = try BuiltProgram.run(["run", Self.folder.path, "--space", FixtureSpace.path])
        #expect(result.status == 74)
        #expect(result.standardError == "glimpse: cannot read \(Self.folder.path): is a folder, not a script\n")
    }

    /// Root reads a file whatever its mode, so the check means something only for other users.
    @Test(.enabled(if: geteuid() != 0, "runs as root, which reads files with mode 000: nothing to test"))
    func unreadableFile() throws {
        let path = Self.folder.appendingPathComponent("unreadable.gq").path
        try "words 1 park\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try BuiltProgram.run(["run", path, "--space", FixtureSpace.path])
        #expect(result.status == 74)
        #expect(result.standardError == "glimpse: cannot read \(path): permission denied\n")
    }

    /// A `~` the shell did not expand (quoted, or from a config) still means the home folder.
    @Test func tildeMeansTheHomeFolder() throws {
        let home = Self.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try "words 3 king\n".write(to: home.appendingPathComponent("tour.gq"), atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(atPath: FixtureSpace.path, toPath: home.appendingPathComponent("fixture.glimpse").path)
        defer { try? FileManager.default.removeItem(at: home) }

        let result = try BuiltProgram.run(["run", "~/tour.gq", "--space", "~/fixture.glimpse"], environment: ["HOME": home.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("queen"))

        let missing = try BuiltProgram.run(["run", "~/absent.gq", "--space", "~/fixture.glimpse"], environment: ["HOME": home.path])
        #expect(missing.status == 74)
        #expect(missing.standardError == "glimpse: cannot read ~/absent.gq: no such file\n")
    }

    /// A space path that is a folder, or a script given as the space.
    @Test func spaceThatIsNotAFile() throws {
        let folder = try BuiltProgram.run(["-c", "words 1 king", "--space", Self.folder.path])
        #expect(folder.status == 74)
        #expect(folder.standardError.hasPrefix("glimpse: \(Self.folder.path): "))
        let script = try BuiltProgram.run(["-c", "words 1 king", "--space", "Examples/analogies.gq"])
        #expect(script.status == 74)
        #expect(script.standardError.hasPrefix("glimpse: Examples/analogies.gq: not a glimpse space file"))
    }

    /// No --space and no demo space yet: the error says how to make one.
    @Test func noDefaultSpace() throws {
        let data = Self.folder.appendingPathComponent("empty-data").path
        let result = try BuiltProgram.run(["-c", "words 1 king"], environment: ["XDG_DATA_HOME": data])
        #expect(result.status == 74)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last == "glimpse: no space at \(data)/glimpse/demo.glimpse; build the demo space with 'make demo', or pass --space PATH")
    }
}
