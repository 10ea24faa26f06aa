extension Calibration {
    /// Nearest words of photos (outside the training domain) through the heads of `trained`,
    /// the zero-shot ImageNet signal and their mixes at each of `weights`, among the 20,000
    /// most frequent alphabetic words of `allWords`; and what the same mixes cost on held-out
    /// openclipart images (own split).
    ///
    /// - Parameters:
    ///   - photos: the photos' collection (features and logits).
    ///   - classNames: the ImageNet class names in the model's logit order.
    public func photoReport(_ trained: TrainedHeads, photos: ImageCollection, allWords: WordVectors, classNames: [String],
                            weights: [Float], output: (String) -> Void) throws {
        guard let photoLogits = photos.logits, collections[0].collection.logits != nil else {
            throw LearningError.badInput("the photo report needs the ImageNet logits of the photos and of openclipart")
        }
        let seed = settings.effectiveSeed
        let candidates = allWords.words.indices.filter { i in
            let w = allWords.words[i]
            return w.count >= 3 && w.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        }.prefix(20_000).map { $0 }
        let vocabulary = allWords.vectors.gathering(rows: candidates)
        let zeroShotModel = ZeroShotEmbedding(classNames: classNames, words: allWords)
        let zeroShot = zeroShotModel.embed(logits: photoLogits)
        let clipart = collections[0]
        let testSplit = DataSplit.make(features: clipart.collection.features, fractions: (0.7, 0.1, 0.2), seed: seed)
        let kept = testSplit.indices(.test).filter { clipart.captions.hasTarget[$0] }
        let testImages = clipart.collection.subset(kept)
        for (label, head) in trained.photoHeads where label.hasPrefix("own") {
            let h = try head.project(features: testImages.features, logits: testImages.logits)
            let z = zeroShotModel.embed(logits: testImages.logits!)
            for w in weights {
                let rows = Evaluation.tagQueries(embeddings: ZeroShotEmbedding.mix(head: h, zeroShot: z, weight: w),
                                                 queryWords: kept.map { clipart.captions.queryWords[$0] }, words: words)
                let section = EvaluationSection(collection: "openclipart", candidates: kept.count, tagQueries: rows, nameQueries: [])
                output("\(label), zero-shot weight \(w): openclipart test mAP \(String(format: "%.3f", section.meanAveragePrecision)) P@10 \(String(format: "%.3f", section.precisionAt10))")
            }
        }
        for (label, head) in trained.photoHeads {
            let projected = try head.project(features: photos.features, logits: photos.logits)
            let stored = try head.project(features: clipart.collection.features, logits: clipart.collection.logits)
            for w in weights {
                let v = ZeroShotEmbedding.mix(head: projected, zeroShot: zeroShot, weight: w)
                let scores = LinearAlgebra.product(v, vocabulary, transposeB: true)
                output("\n\(label), zero-shot weight \(w):")
                let imageScores = LinearAlgebra.product(v, stored, transposeB: true)
                for i in 0..<photos.count {
                    let top = RetrievalMetrics.ranking(scores.row(i)).prefix(10).map { allWords.words[candidates[$0]] }
                    output("  \(photos.titles[i]): \(top.joined(separator: " "))")
                    let images = RetrievalMetrics.ranking(imageScores.row(i)).prefix(5).map { clipart.collection.titles[$0] }
                    output("    nearest openclipart: \(images.joined(separator: " | "))")
                }
            }
        }
    }
}
