import Testing
@testable import GlimpseLearning

@Suite struct SeededGeneratorTests {
    /// Training results depend on this stream (xoshiro256** seeded through GlimpseCore's SplitMix64).
    @Test func theStreamIsFixed() {
        var g = SeededGenerator(seed: 1)
        #expect((0..<3).map { _ in g.next() } == [0xB3F2_AF6D_0FC7_10C5, 0x853B_5596_4736_4CEA, 0x92F8_9756_082A_4514])
    }
}
