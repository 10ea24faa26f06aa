import Testing
@testable import GlimpseVision

/// What `glimpse features` prints of a run: the report's line, then its first failures.
@Suite struct ExtractionReportTests {
    static func report(failures: Int, encoded: Int = 0) -> ExtractionReport {
        ExtractionReport(name: "shapes", images: 3, encoded: encoded, reused: 3 - encoded,
                         failures: (0..<failures).map { ImageError(file: "img/\($0).png", message: "not an image") },
                         seconds: 2, views: 1, wroteCache: encoded > 0,
                         featuresFile: "/c/shapes.features.npy", logitsFile: "/c/shapes.logits.npy", tableFile: "/c/shapes.tsv")
    }

    @Test func aRunWithoutFailuresIsOneLine() {
        #expect(Self.report(failures: 0).summary() == "shapes: 3 images, 3 from the cache (cache up to date)\n")
        #expect(Self.report(failures: 0, encoded: 1).summary()
            == "shapes: 3 images, 1 encoded in 2.0 s (0.5 images/s), 2 from the cache -> /c/shapes.features.npy\n")
    }

    @Test func theFirstTenFailuresFollowTheReport() {
        let lines = Self.report(failures: 12).summary().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 10 + 1)
        #expect(lines[0] == "shapes: 3 images, 3 from the cache, 12 skipped (cache up to date)")
        #expect(lines[1] == "  skipped img/0.png: not an image")
        #expect(lines[10] == "  skipped img/9.png: not an image")
        #expect(lines[11] == "")
        #expect(Self.report(failures: 3).summary(failureLines: 1).hasSuffix(" (cache up to date)\n  skipped img/0.png: not an image\n"))
    }
}
