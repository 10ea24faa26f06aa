import Testing
import Foundation
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct ImageNetLabelsTests {
    /// A folder with a labels TSV of `classCount` classes and a 9k tree: entity > animal > dog > each class.
    func fixture(labels: String? = nil, roots: [Int] = [-1, 0, 1]) throws -> (labels: String, hierarchy: String) {
        let dir = ScratchFolder.unique("imagenet").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let n = ImageNetLabels.classCount
        let ids = ["n0", "n1", "n2"] + (0..<n).map { "n\(100 + $0)" }
        let names = ["entity", "animal", "dog"] + (0..<n).map { "breed \($0)" }
        let parents = roots + Array(repeating: 2, count: n)
        try (ids.joined(separator: "\n") + "\n").write(toFile: dir + "/9k.labels", atomically: true, encoding: .utf8)
        try (names.joined(separator: "\n") + "\n").write(toFile: dir + "/9k.names", atomically: true, encoding: .utf8)
        try (zip(ids, parents).map { "\($0) \($1)" }.joined(separator: "\n") + "\n")
            .write(toFile: dir + "/9k.tree", atomically: true, encoding: .utf8)
        let rows = (0..<n).map { "\($0)\tn\(100 + $0)\tbreed \($0)" }
        try (labels ?? "index\twnid\tname\n" + rows.joined(separator: "\n") + "\n")
            .write(toFile: dir + "/labels.tsv", atomically: true, encoding: .utf8)
        return (dir + "/labels.tsv", dir)
    }

    @Test func classesComeWithTheirHypernymsNearestFirst() throws {
        let (labels, hierarchy) = try fixture()
        let classes = try ImageNetLabels.read(labels: labels, hierarchy: hierarchy)
        #expect(classes.count == ImageNetLabels.classCount)
        #expect(classes[7] == ImageNetClass(wnid: "n107", name: "breed 7", hypernyms: ["dog", "animal", "entity"]))
    }

    @Test func damagedFilesAreErrorsNamingTheFile() throws {
        let (_, hierarchy) = try fixture()
        let short = try fixture(labels: "index\twnid\tname\n0\tn100\tbreed 0\n")
        #expect(throws: ImageError.self) { _ = try ImageNetLabels.read(labels: short.labels, hierarchy: hierarchy) }
        let outOfOrder = try fixture(labels: "index\twnid\tname\n1\tn100\tbreed 0\n")
        #expect(throws: ImageError.self) { _ = try ImageNetLabels.read(labels: outOfOrder.labels, hierarchy: hierarchy) }
        let cyclic = try fixture(roots: [1, 0, 1])
        #expect(throws: ImageError.self) { _ = try ImageNetLabels.read(labels: cyclic.labels, hierarchy: cyclic.hierarchy) }
        let (labels, _) = try fixture()
        #expect(throws: ImageError.self) { _ = try ImageNetLabels.read(labels: labels + ".missing", hierarchy: hierarchy) }
        #expect(throws: ImageError.self) { _ = try ImageNetLabels.read(labels: labels, hierarchy: hierarchy + "/nowhere") }
    }
}
