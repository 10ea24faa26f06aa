import Testing
@testable import GlimpseCore

/// `glimpse export --rows`: which images, by 1-based id.
struct ImageIDSelectionTests {
    @Test(arguments: [
        ("1-300", ImageIDSelection.range(first: 1, last: 300)),
        ("5-5", .range(first: 5, last: 5)),
        ("3,7,12", .list([3, 7, 12])),
        ("12, 3", .list([12, 3])),
        ("9", .list([9])),
        ("", .list([])),
    ])
    func parses(_ text: String, _ expected: ImageIDSelection) {
        #expect(ImageIDSelection(text) == expected)
    }

    @Test(arguments: ["0-3", "5-2", "-3", "3-", "a-b", "1-2-3", "0,1", "1,x", "1.5"])
    func refuses(_ text: String) {
        #expect(ImageIDSelection(text) == nil)
    }

    @Test(arguments: [
        (ImageIDSelection.all, 4, [1, 2, 3, 4]),
        (.all, 0, []),
        (.range(first: 2, last: 3), 4, [2, 3]),
        (.range(first: 2, last: 300), 4, [2, 3, 4]),  // cut at the last image
        (.range(first: 6, last: 9), 4, [6]),  // the first id stays, for the caller to report
        (.list([4, 1, 9]), 4, [4, 1, 9]),  // as given, 9 included
    ])
    func idsAmongTheImages(_ selection: ImageIDSelection, _ imageCount: Int, _ expected: [Int]) {
        #expect(selection.ids(imageCount: imageCount) == expected)
    }
}
