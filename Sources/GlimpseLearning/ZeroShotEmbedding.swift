/// The zero-shot image vector: ImageNet class-name vectors weighted by the class probabilities (ConSE).
///
/// It needs no training and reads only the CNN's logits, so it stays sensible on
/// photos, which lie outside the clip-art and emoji the heads were trained on.
/// Following Norouzi et al. (ConSE), only the `top` most probable classes count.
public struct ZeroShotEmbedding: Sendable {
    /// `classes x d`: the phrase vector of each class name (zero when no word is known).
    public var classVectors: Matrix
    public var top: Int

    /// Class vectors from class names (one per logit, in logit order).
    public init(classNames: [String], words: WordVectors, top: Int = 10) {
        var m = Matrix(rows: classNames.count, columns: words.dimension)
        for (i, name) in classNames.enumerated() {
            // ImageNet short names may list synonyms ("tabby, tabby cat"): the first one is the usual name.
            let first = name.split(separator: ",").first.map(String.init) ?? name
            if let v = words.phraseVector(first) ?? words.phraseVector(name) {
                for j in 0..<words.dimension { m[i, j] = v[j] }
            }
        }
        classVectors = m
        self.top = top
    }

    /// Unit zero-shot vectors for a batch of logits (`n x classes`).
    public func embed(logits: Matrix) -> Matrix {
        precondition(logits.columns == classVectors.rows, "one logit per class")
        let p = softmaxRows(logits)
        let d = classVectors.columns
        var out = Matrix(rows: logits.rows, columns: d)
        for i in 0..<logits.rows {
            let order = (0..<p.columns).sorted { p[i, $0] != p[i, $1] ? p[i, $0] > p[i, $1] : $0 < $1 }.prefix(top)
            for c in order {
                let w = p[i, c]
                for j in 0..<d { out[i, j] += w * classVectors[c, j] }
            }
        }
        out.normaliseRows()
        return out
    }

    /// `normalise((1 - weight) * head + weight * zeroShot)` row by row: the two signals mixed.
    public static func mix(head: Matrix, zeroShot: Matrix, weight: Float) -> Matrix {
        precondition(head.rows == zeroShot.rows && head.columns == zeroShot.columns)
        var out = head
        for k in out.values.indices { out.values[k] = (1 - weight) * head.values[k] + weight * zeroShot.values[k] }
        out.normaliseRows()
        return out
    }
}
