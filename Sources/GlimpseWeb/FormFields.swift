/// The fields of a URL's query string (`q=beach+%2B+sunrise&cursor=3`), decoded as
/// browsers encode forms (application/x-www-form-urlencoded): `+` is a space and
/// `%XX` a byte; the bytes must be UTF-8.
struct FormFields: Sendable, Equatable {
    private var fields: [(name: String, value: String)]

    static func == (a: FormFields, b: FormFields) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of `name`, if the query string has it.
    subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Decodes `query` (the text after `?`, without it); nil when a `%` is not
    /// followed by two hex digits or the bytes are not UTF-8.
    init?(query: Substring) {
        fields = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormFields.decode(parts[0]) else { return nil }
            guard let value = parts.count > 1 ? FormFields.decode(parts[1]) : "" else { return nil }
            fields.append((name, value))
        }
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` encoded for a query string: what `decode` reads back. Letters, digits and
    /// `-._~` stay; a space becomes `+`; every other byte `%XX`.
    static func encode(_ text: String) -> String {
        // Byte by byte into a buffer of at most three times the bytes: no per-character String work.
        String(unsafeUninitializedCapacity: 3 * text.utf8.count) { out in
            var count = 0
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    out[count] = byte
                    count += 1
                case UInt8(ascii: " "):
                    out[count] = UInt8(ascii: "+")
                    count += 1
                default:
                    out[count] = UInt8(ascii: "%")
                    out[count + 1] = hexDigits[Int(byte >> 4)]
                    out[count + 2] = hexDigits[Int(byte & 15)]
                    count += 3
                }
            }
            return count
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
