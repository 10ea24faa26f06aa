import Testing
@testable import GlimpseCore

/// Reference values from the Python `xxhash` package (4.1.0), covering the short, 4-byte, 8-byte and 32-byte-stripe paths.
struct XXHash64Tests {
    @Test(arguments: [
        ([UInt8](), UInt64(0xef46db3751d8e999), UInt64(0x95584af7701f808d)),
        (Array("a".utf8), 0xd24ec4f1a98c6e5b, 0x747b860523d69ab6),
        (Array("abc".utf8), 0x44bc2cf5ad770999, 0x1700e64f6f23509),
        (Array(0..<32), 0xcbf59c5116ff32b4, 0xb3273a2dc547055a),
        (Array(0..<100), 0x6ac1e58032166597, 0x28ba1ae2de4de27),
        (Array("Nobody inspects the spammish repetition".utf8), 0xfbcea83c8a378bf1, 0x81a876428a9313b),
        ((0..<1000).map { UInt8($0 * 7 % 256) }, 0x25275608a9cfc168, 0x29d23bd22e33513c),
    ])
    func matchesReference(input: [UInt8], seed0: UInt64, seed12345: UInt64) {
        #expect(XXHash64.hash(input) == seed0)
        #expect(XXHash64.hash(input, seed: 12345) == seed12345)
    }

    @Test func stringAndBytesAgree() {
        #expect(XXHash64.hash("Nobody inspects the spammish repetition") == 0xfbcea83c8a378bf1)
    }
}
