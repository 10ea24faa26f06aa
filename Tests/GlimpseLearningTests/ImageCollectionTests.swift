import Testing
import GlimpseCore
@testable import GlimpseLearning

@Suite struct ImageCollectionTests {
    @Test func aCollectionFromTableRowsAndMatrices() {
        let table = ImageTable(extraColumns: ["group"], rows: [
            ImageTable.Row(file: "/a.png", title: "A", tags: ["x"], extra: ["g"]),
            ImageTable.Row(file: "/b.png", title: "", tags: [], extra: [""]),
        ])
        let c = ImageCollection(name: "c", table: table, features: DenseMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6]),
                                logits: DenseMatrix(rows: 2, columns: 1, values: [7, 8]))
        #expect(c.files == ["/a.png", "/b.png"] && c.titles == ["A", ""] && c.tags == [["x"], []])
        #expect(c.features.row(1) == [4, 5, 6] && c.logits?.values == [7, 8])
    }

    @Test func aViewMustHoldTheSameImages() throws {
        func collection(_ name: String, files: [String], value: Float) -> ImageCollection {
            ImageCollection(name: name, files: files, titles: files, tags: files.map { _ in [] },
                            features: DenseMatrix(rows: files.count, columns: 2, repeating: value), logits: nil)
        }
        let own = collection("c", files: ["a", "b"], value: 1)
        let flipped = try own.addingView(collection("c-view-flip", files: ["a", "b"], value: 2))
        #expect(flipped.views.map(\.name) == ["c-view-flip"])
        #expect(flipped.allViews.map { $0.features.values } == [[1, 1, 1, 1], [2, 2, 2, 2]])
        #expect(throws: LearningError.self) { try own.addingView(collection("other", files: ["b", "a"], value: 2)) }
    }
}
