extension SplitMix64 {
    /// `count` x `dimension` values uniform in the cube [-1, 1), each row then scaled to unit length.
    public mutating func unitVectors(count: Int, dimension: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count * dimension)
        for row in 0..<count {
            var sum: Float = 0
            for j in 0..<dimension {
                let value = Float(Int64(bitPattern: next()) >> 40) * 0x1p-23  // uniform in [-1, 1)
                values[row * dimension + j] = value
                sum += value * value
            }
            let scale = 1 / sum.squareRoot()
            for j in 0..<dimension { values[row * dimension + j] *= scale }
        }
        return values
    }
}
