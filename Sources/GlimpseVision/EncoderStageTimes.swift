/// Where the encoding time goes: decoding alone (one worker, then all of them) and the
/// model alone (`glimpse features bench`).
public struct EncoderStageTimes: Sendable, CustomStringConvertible {
    public var files: Int
    /// Decoding one file on one thread, on average.
    public var serialDecode: Duration
    /// Decoding one file with `decoders` workers, on average.
    public var parallelDecode: Duration
    public var decoders: Int
    /// The model's time per image in a batch of `batch` (mean of three runs after a warm-up).
    public var modelPerImage: Duration
    public var batch: Int

    /// Times `encoder` on `files` (up to 32 of them make the model's batch).
    public init(encoder: ImageEncoder, files: [String]) throws {
        var clock = ContinuousClock.now
        for file in files { _ = try? encoder.preprocessor.tensor(path: file) }
        let serial = ContinuousClock.now - clock
        clock = ContinuousClock.now
        let decoded = encoder.preprocess(paths: files)
        let parallel = ContinuousClock.now - clock
        let tensors = decoded.compactMap { try? $0.get() }
        let input = Array(tensors.prefix(32).joined())
        let count = input.count / encoder.preprocessor.tensorCount
        _ = try encoder.encode(tensors: input, count: count)
        clock = ContinuousClock.now
        for _ in 0..<3 { _ = try encoder.encode(tensors: input, count: count) }
        let model = (ContinuousClock.now - clock) / 3
        self.files = files.count
        serialDecode = serial / files.count
        parallelDecode = parallel / files.count
        decoders = encoder.decoders
        modelPerImage = model / count
        batch = count
    }

    public var description: String {
        "\(files) files: decode \(serialDecode) each on 1 thread, \(parallelDecode) each on \(decoders); "
            + "model \(modelPerImage) per image in a batch of \(batch)"
    }
}
