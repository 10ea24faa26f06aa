/// The header dictionary of a `.npy` file: `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Parsed with a small reader for exactly the Python literals NumPy writes (strings,
/// True/False, tuples of integers), not by evaluating anything.
struct NumpyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    /// Parses the dictionary text, or says why it is not one NumPy would write.
    static func parse(_ text: String) -> Result<NumpyHeader, HeaderProblem> {
        var reader = LiteralReader(Array(text.utf8))
        guard let dictionary = reader.dictionary() else {
            return .failure(HeaderProblem(message: "header is not a Python dict literal: \(text.trimmingWhitespace())"))
        }
        guard case .string(let descr)? = dictionary["descr"] else {
            return .failure(HeaderProblem(message: "header has no 'descr' string"))
        }
        guard case .bool(let fortran)? = dictionary["fortran_order"] else {
            return .failure(HeaderProblem(message: "header has no 'fortran_order' True/False"))
        }
        guard case .tuple(let shape)? = dictionary["shape"] else {
            return .failure(HeaderProblem(message: "header has no 'shape' tuple"))
        }
        return .success(NumpyHeader(descr: descr, fortranOrder: fortran, shape: shape))
    }

    struct HeaderProblem: Error { var message: String }

    /// Reads the literal grammar: dict of 'key': value, values being 'string', True, False, (int, ...).
    private struct LiteralReader {
        let bytes: [UInt8]
        var i = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }

        mutating func take(_ ascii: Character) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == ascii.asciiValue! else { return false }
            i += 1
            return true
        }

        mutating func string() -> String? {
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x27 || bytes[i] == 0x22 else { return nil }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        mutating func word() -> String {
            skipSpace()
            let start = i
            while i < bytes.count, (bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        mutating func integer() -> Int? {
            skipSpace()
            let start = i
            var value = 0
            while i < bytes.count, bytes[i] &- 48 < 10 {
                let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int(bytes[i] &- 48))
                if overflow1 || overflow2 { return nil }
                value = sum
                i += 1
            }
            guard i > start else { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: "L") { i += 1 }  // Python 2 longs
            return value
        }

        mutating func value() -> Value? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case 0x27, 0x22:
                return string().map { .string($0) }
            case UInt8(ascii: "("):
                i += 1
                var items: [Int] = []
                while true {
                    if take(")") { return .tuple(items) }
                    guard let item = integer() else { return nil }
                    items.append(item)
                    if take(",") { continue }
                    guard take(")") else { return nil }
                    return .tuple(items)
                }
            default:
                switch word() {
                case "True": return .bool(true)
                case "False": return .bool(false)
                default: return nil
                }
            }
        }

        mutating func dictionary() -> [String: Value]? {
            guard take("{") else { return nil }
            var result: [String: Value] = [:]
            while true {
                if take("}") { return result }
                guard let key = string(), take(":"), let value = value() else { return nil }
                result[key] = value
                if take(",") { continue }
                guard take("}") else { return nil }
                return result
            }
        }
    }
}
