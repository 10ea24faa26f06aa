import Testing
@testable import GlimpseImagePipeline
@testable import GlimpseLearning

@Suite struct PhotoPlacerTests {
    /// A linear head from 2 features to 2-d: the identity.
    static let head = ProjectionHead(
        input: .features, featureDimension: 2, logitDimension: 2, mean: [0, 0], inverseScale: [1, 1],
        layers: [.init(weights: DenseMatrix(rows: 2, columns: 2, values: [1, 0, 0, 1]), bias: [0, 0], activation: .identity)],
        summary: "identity")
    /// Class 0 points along x + y, class 1 along -x.
    static let zeroShot = ZeroShotEmbedding(classVectors: DenseMatrix(rows: 2, columns: 2, values: [0.6, 0.8, -1, 0]), top: 2)
    static let view = ViewFeatures(name: "photo", features: DenseMatrix(rows: 1, columns: 2, values: [0, 1]),
                                   logits: DenseMatrix(rows: 1, columns: 2, values: [1, 0]))

    /// One view, temperature 1, no transfer: exactly the mix `image("file")` always made.
    @Test func oneViewIsTheMixOfHeadAndZeroShot() throws {
        let placed = try PhotoPlacer(head: Self.head, zeroShot: Self.zeroShot, share: 0.75).place(views: [Self.view])
        let expected = ZeroShotEmbedding.mix(
            head: try Self.head.project(features: Self.view.features, logits: nil),
            zeroShot: Self.zeroShot.embed(logits: Self.view.logits!), weight: 0.75)
        #expect(placed == expected)
        #expect(try PhotoPlacer(head: Self.head, zeroShot: Self.zeroShot, share: 0).place(views: [Self.view]).values == [0, 1])
        #expect(try PhotoPlacer(head: Self.head, zeroShot: nil, share: 0.75).place(views: [Self.view]).values == [0, 1])
    }

    @Test func aHigherTemperatureFlattensTheClassProbabilities() throws {
        let cold = try PhotoPlacer(head: Self.head, zeroShot: Self.zeroShot, share: 1, temperature: 0.1).place(views: [Self.view])
        let warm = try PhotoPlacer(head: Self.head, zeroShot: Self.zeroShot, share: 1, temperature: 10).place(views: [Self.view])
        // Cold: almost all class 0 (0.6, 0.8); warm: nearly equal, so -x cancels most of x.
        #expect(abs(cold[0, 0] - 0.6) < 1e-3)
        #expect(warm[0, 0] < 0 && warm[0, 1] > cold[0, 1])
    }

    @Test func viewsAreAveragedAndTransferMovesTowardsTheNearestCaption() throws {
        let mirrored = ViewFeatures(name: "flip", features: DenseMatrix(rows: 1, columns: 2, values: [1, 0]), logits: Self.view.logits)
        let both = try PhotoPlacer(head: Self.head, zeroShot: nil, share: 0).place(views: [Self.view, mirrored])
        let s = Float(0.5).squareRoot()
        #expect(abs(both[0, 0] - s) < 1e-6 && abs(both[0, 1] - s) < 1e-6)
        let memory = TransferMemory(keyKind: .features, keys: DenseMatrix(rows: 2, columns: 2, values: [0, 1, 1, 0]),
                                    targets: DenseMatrix(rows: 2, columns: 2, values: [-1, 0, 1, 0]))
        let placer = PhotoPlacer(head: Self.head, zeroShot: nil, share: 0,
                                 transfer: (NeighbourTransfer(neighbours: 1, temperature: 0.1, weight: 1), memory))
        // The photo's features (0, 1) are nearest the first key, whose caption is -x.
        let moved = try placer.place(views: [Self.view])
        #expect(abs(moved[0, 0] + s) < 1e-6 && abs(moved[0, 1] - s) < 1e-6)
    }
}
