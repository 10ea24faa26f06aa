/// A shell-style pattern matched against a whole text: `*` is any run of characters (`/`
/// included), `?` any one character, `\` makes the next character literal. `"2019/*"` matches
/// `2019/06` and `2019/06/beach`; `"*.png"` every PNG file name. Case counts.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let elements: [Element]

    private enum Element: Equatable {
        case literal(Unicode.Scalar)
        case anyOne
        case anyRun
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var elements: [Element] = []
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if escaped {
                elements.append(.literal(scalar))
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "*" {
                if elements.last != .anyRun { elements.append(.anyRun) }
            } else if scalar == "?" {
                elements.append(.anyOne)
            } else {
                elements.append(.literal(scalar))
            }
        }
        if escaped { elements.append(.literal("\\")) }
        self.elements = elements
    }

    /// The pattern for SQL's `LIKE ... ESCAPE '\'`, which then matches the same texts (`%` any run,
    /// `_` any one character, `\` before a literal `%`, `_` or `\`), in a UTF-8 database.
    public var likePattern: String {
        var pattern = ""
        for element in elements {
            switch element {
            case .anyRun: pattern += "%"
            case .anyOne: pattern += "_"
            case .literal(let scalar):
                if scalar == "%" || scalar == "_" || scalar == "\\" { pattern += "\\" }
                pattern.unicodeScalars.append(scalar)
            }
        }
        return pattern
    }

    /// Whether the pattern matches all of `text` (by Unicode scalar).
    public func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        // The classic greedy match with one backtrack point: the last '*' seen.
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < scalars.count {
            if p < elements.count {
                switch elements[p] {
                case .anyRun:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .anyOne:
                    p += 1
                    t += 1
                    continue
                case .literal(let scalar) where scalar == scalars[t]:
                    p += 1
                    t += 1
                    continue
                case .literal:
                    break
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < elements.count, elements[p] == .anyRun { p += 1 }
        return p == elements.count
    }
}
