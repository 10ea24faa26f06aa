/// Minimal JSON writing: strings escaped per RFC 8259, keys in a fixed order so
/// that output is byte-identical across runs.
public enum JSONText {
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An object from ordered key/value pairs whose values are already JSON.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }

    /// Numbers print with six decimals at most; JSON has no NaN, so non-finite is null.
    public static func number(_ value: Double) -> String {
        value.isFinite ? ScoreText.number(value) : "null"
    }

    public static func score(_ value: Float) -> String {
        score(Double(value))
    }

    /// A score or a share of one: six decimals.
    public static func score(_ value: Double) -> String {
        value.isFinite ? ScoreText.fixed(value, digits: 6) : "null"
    }
}
