import Foundation
import Testing

/// libvips is opened with dlopen at the first image operation, not linked
/// (Sources/CVipsShim/libvips_load.c): loading it and its hundred libraries cost every
/// process about 40 ms at start-up. A query that never touches an image must not load it.
/// (A missing libvips is tested in ImageFileTests, which has an image model to reach it.)
@Suite struct LibvipsLoadingTests {
    #if os(Linux)
    static let glibcLoader = true
    #else
    static let glibcLoader = false
    #endif

    /// glibc's loader writes every library it loads to standard error under LD_DEBUG=files.
    @Test(.enabled(if: glibcLoader, "LD_DEBUG is glibc's")) func aWordQueryDoesNotLoadLibvips() throws {
        let result = try BuiltProgram.run(["-c", "words 1 king", "--space", FixtureSpace.path], environment: ["LD_DEBUG": "files"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("king"))
        // The trace is there (it names Swift's runtime), and libvips is not in it.
        #expect(result.standardError.contains("libswiftCore"))
        #expect(!result.standardError.contains("libvips"))
    }
}
