#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal float text (`-0.41800`, `1e-05`) to the correctly rounded `Float`, fast for the common case.
///
/// Text vector files hold tens of millions of short decimals. When the digits fit in 24 bits and the
/// power of ten is at most 10^10, one Float multiply or divide of two exact values is correctly
/// rounded (Clinger's fast path); anything else goes to `strtof`.
enum DecimalFloatParser {
    private static let powersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// The value of the whole of `text`, or nil if it is not a number.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        let n = text.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if text[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var exponent = 0
        var digits = 0
        var exact = true
        while i < n, text[i] &- 48 < 10 {
            if mantissa < 100_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(text[i] &- 48) } else { exponent += 1; exact = false }
            digits += 1
            i += 1
        }
        if i < n, text[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, text[i] &- 48 < 10 {
                if mantissa < 100_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(text[i] &- 48); exponent -= 1 } else { exact = false }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return slowPath(text) }  // "nan", "inf", or not a number
        if i < n, text[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < n, text[i] == UInt8(ascii: "-") { exponentNegative = true; i += 1 } else if i < n, text[i] == UInt8(ascii: "+") { i += 1 }
            var value = 0
            var exponentDigits = 0
            while i < n, text[i] &- 48 < 10 {
                if value < 100_000 { value = value * 10 + Int(text[i] &- 48) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == n else { return nil }
        if exact && mantissa <= 1 << 24 && exponent >= -10 && exponent <= 10 {
            var value = Float(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -value : value
        }
        return slowPath(text)
    }

    /// `strtof` over a NUL-terminated copy; nil unless it consumes every byte.
    private static func slowPath(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        guard text.count < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer -> Float? in
            for i in 0..<text.count { buffer[i] = CChar(bitPattern: text[i]) }
            buffer[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == text.count else { return nil }
            return value
        }
    }
}
