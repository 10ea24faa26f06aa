/// Fixed-point text for scores and numbers, identical on every run and machine.
public enum ScoreText {
    /// `value` rounded to `digits` decimals, with a leading minus only when the
    /// rounded value is below zero (never "-0.000").
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let units = Int(scaled)
        let negative = value < 0 && units != 0
        let whole = units / Int(scale)
        let fraction = String(units % Int(scale)).leftPadded(to: digits)
        return (negative ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
    }

    public static func fixed(_ value: Float, digits: Int) -> String {
        fixed(Double(value), digits: digits)
    }

    /// A number as a query result: whole numbers plain, others with up to six decimals.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = fixed(value, digits: 6)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
