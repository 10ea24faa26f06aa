/// A named piece of Glimpse text: a script file, a `-c` argument or one REPL entry.
///
/// The text is held as Unicode scalars so that every token and node can carry a
/// plain integer range, and line/column positions are computed only when a
/// diagnostic is rendered.
public struct Source: Sendable {
    public let name: String
    public let text: String
    public let scalars: [Unicode.Scalar]
    /// Scalar offsets at which each line begins; line 1 begins at 0.
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// Decodes UTF-8 bytes, refusing invalid input rather than silently repairing it.
    public init(name: String, bytes: [UInt8]) throws(InvalidUTF8) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var text = String.UnicodeScalarView()
        var offset = 0
        loop: while true {
            let before = offset
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                throw InvalidUTF8(name: name, byteOffset: before)
            }
        }
        self.init(name: name, text: String(text))
    }

    /// The 1-based line and column of a scalar offset.
    public func location(of offset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<max(start, end)]))
    }

    public func text(in range: SourceRange) -> String {
        let lower = min(max(0, range.lowerBound), scalars.count)
        let upper = min(max(lower, range.upperBound), scalars.count)
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
}

/// A half-open range of scalar offsets into a `Source`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var lowerBound: Int
    public var upperBound: Int

    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    /// The smallest range covering both.
    public func joined(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    public var description: String { "\(lowerBound)..<\(upperBound)" }
}

/// A 1-based line and column, as shown to users.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
}

/// Input that is not valid UTF-8.
public struct InvalidUTF8: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let byteOffset: Int
    public var description: String { "\(name): invalid UTF-8 at byte \(byteOffset)" }
}
