import Testing
@testable import GlimpseLearning

@Suite struct TransferMemoryTests {
    /// Two captioned memory images keyed by 3-d features, targets along x and y.
    static let memory = TransferMemory(
        keyKind: .features, keys: DenseMatrix(rows: 2, columns: 3, values: [1, 0, 0, 0, 1, 0]),
        targets: DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 1]))

    @Test func encodingRoundTripsAndDamageIsAnError() throws {
        let bytes = Self.memory.encode()
        #expect(try TransferMemory(decoding: bytes) == Self.memory)
        var vectors = Self.memory
        vectors.keyKind = .vectors
        #expect(try TransferMemory(decoding: vectors.encode()).keyKind == .vectors)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[i] ^= 0x40
            #expect(throws: LearningError.self) { _ = try TransferMemory(decoding: damaged) }
        }
        for n in [0, 4, 11, bytes.count - 1] {
            #expect(throws: LearningError.self) { _ = try TransferMemory(decoding: Array(bytes.prefix(n))) }
        }
        #expect(throws: LearningError.self) { _ = try TransferMemory(decoding: bytes + [0]) }
    }

    @Test func keysDecideWhatANewImageIsComparedBy() {
        let transfer = NeighbourTransfer(neighbours: 1, temperature: 0.1, weight: 1)
        // The vector points along y, the features along the first key (target x).
        let vector = DenseMatrix(rows: 1, columns: 2, values: [0, 1])
        let features = DenseMatrix(rows: 1, columns: 3, values: [2, 0, 0])
        let byFeatures = Self.memory.apply(transfer, to: vector, features: features)
        let s = Float(0.5).squareRoot()
        #expect(abs(byFeatures[0, 0] - s) < 1e-6 && abs(byFeatures[0, 1] - s) < 1e-6)
        // Keyed by vectors (2-d keys), the vector itself finds the y image: it stays on y.
        let vectors = TransferMemory(keyKind: .vectors, keys: DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 1]), targets: Self.memory.targets)
        #expect(vectors.apply(transfer, to: vector, features: features) == vector)
    }

    @Test func onlyCaptionedImagesEnterTheMemory() {
        let words = WordVectors(words: ["cat", "dog"], vectors: DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 1]))
        let images = ImageCollection(
            name: "toy", files: ["a", "b", "c"], titles: ["", "", ""], tags: [["cat"], ["zebra"], ["dog"]],
            features: DenseMatrix(rows: 3, columns: 1, values: [1, 2, 3]), logits: nil)
        let memory = TransferMemory(captioned: images, captions: Captions(collection: images, source: .tags, words: words))
        #expect(memory.keys.values == [1, 3])
        #expect(memory.targets.values == [1, 0, 0, 1])
    }
}
