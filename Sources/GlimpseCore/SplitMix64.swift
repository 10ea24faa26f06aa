/// SplitMix64: a tiny seeded generator whose whole stream is fixed by its seed, on
/// every machine and every Swift release.
///
/// The one copy of the mixing function: test data, the benchmark's random vectors,
/// the fuzz space and the seeding of the training generator (`SeededGenerator` in
/// GlimpseLearning) all draw from it, so a failing case or a training run can be
/// replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1), from the top 24 bits.
    public mutating func nextSigned() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
}
