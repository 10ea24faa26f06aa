/// The `IMG_n` number of every image of a space that keeps numbers across updates, and the
/// numbers of the images it no longer has, with their files.
///
/// A space made by `glimpse index` renumbers nothing when its folder changes: an image keeps
/// its number, a removed image's number is never given again, and asking for it says which
/// file it was. A space without this record numbers its images by row (`IMG_1` is row 0).
public struct ImageNumbers: Sendable, Equatable {
    /// An image that an update removed: its number and the file it was.
    public struct Retired: Sendable, Equatable {
        public var number: Int
        public var file: String

        public init(number: Int, file: String) {
            self.number = number
            self.file = file
        }
    }

    /// The number of each image row, in row order.
    public var numbers: [Int]
    /// Numbers no image has any more, in the order they were retired.
    public var retired: [Retired]

    public init(numbers: [Int], retired: [Retired] = []) {
        self.numbers = numbers
        self.retired = retired
    }

    /// The smallest number never given: above every current and retired one.
    public var next: Int {
        max(numbers.max() ?? 0, retired.map(\.number).max() ?? 0) + 1
    }

    /// Why these numbers cannot be stored, if they cannot: a number outside 1...2^31 - 1, or one used twice.
    public var problem: String? {
        var seen = Set<Int>()
        for number in numbers + retired.map(\.number) {
            guard number >= 1, number <= Int(Int32.max) else { return "image number \(number) is not in 1...\(Int32.max)" }
            guard seen.insert(number).inserted else { return "image number \(number) is used twice" }
        }
        return nil
    }
}
