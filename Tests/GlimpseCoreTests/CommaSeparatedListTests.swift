import Testing
@testable import GlimpseCore

/// List options as commands take them (`--dimensions 50,256`, `--views flip,zoom0.8`).
struct CommaSeparatedListTests {
    @Test(arguments: [
        ("50,256", [50, 256]),
        (" 1 , 2 ", [1, 2]),
        ("7", [7]),
        ("3,,4,", [3, 4]),  // empty items are skipped
        ("", []),
    ])
    func positiveIntegers(_ text: String, _ expected: [Int]) throws {
        #expect(try CommaSeparatedList.positiveIntegers(text) == expected)
    }

    @Test(arguments: [
        ("50,x", "x"),
        ("0", "0"),
        ("1,-2", "-2"),
        ("1.5", "1.5"),
        ("4, five ,6", "five"),
    ])
    func theFirstItemThatIsNotAPositiveIntegerIsThrown(_ text: String, _ item: String) {
        #expect(throws: CommaSeparatedList.InvalidItem(text: item)) { try CommaSeparatedList.positiveIntegers(text) }
    }

    @Test func anyItemTypeParses() throws {
        #expect(try CommaSeparatedList.parse("0, 0.5,1") { Float($0) } == [0, 0.5, 1])
        #expect(throws: CommaSeparatedList.InvalidItem(text: "half")) { try CommaSeparatedList.parse("0,half") { Float($0) } }
    }
}
