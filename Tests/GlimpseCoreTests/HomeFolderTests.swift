import Foundation
import Testing
@testable import GlimpseCore

struct HomeFolderTests {
    @Test func homeIsHOMEElseThePasswordDatabase() throws {
        #expect(HomeFolder(environment: ["HOME": "/home/u"]).path == "/home/u")
        let entry = try #require(getpwuid(getuid()))
        let passwordHome = String(cString: entry.pointee.pw_dir)
        #expect(HomeFolder(environment: [:]).path == passwordHome)
        #expect(HomeFolder(environment: ["HOME": ""]).path == passwordHome)
    }

    @Test func onlyALeadingTildeIsExpanded() {
        let home = HomeFolder(path: "/home/u")
        #expect(home.expanding("~") == "/home/u")
        #expect(home.expanding("~/a.gq") == "/home/u/a.gq")
        #expect(home.expanding("~user/a") == "~user/a")
        #expect(home.expanding("a~/b") == "a~/b")
        #expect(home.expanding("/x/~/y") == "/x/~/y")
        #expect(HomeFolder.expanding("~/x") == HomeFolder().path + "/x")
    }
}

struct SplitMix64Tests {
    /// The stream is part of the data: test fixtures, the bench's vectors and training seeds depend on it.
    @Test func theStreamIsFixed() {
        var random = SplitMix64(seed: 0)
        #expect((0..<3).map { _ in random.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var signed = SplitMix64(seed: 0x5EED)
        let value = signed.nextSigned()
        #expect(value >= -1 && value < 1)
        var again = SplitMix64(seed: 0x5EED)
        #expect(Float(again.next() >> 40) / 8_388_608 - 1 == value)
    }
}
