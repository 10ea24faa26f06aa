/// Seconds since 1970-01-01 00:00 and the proleptic Gregorian date and time they name, without
/// time zones: file times are UTC, EXIF dates taken are the camera's local clock stored the same way.
public enum CalendarTime {
    /// The seconds of a date and time; nil when a field is out of range (month 13, day 32, hour 24).
    public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (-9999...99999).contains(year) else { return nil }
        return Int64(daysSinceEpoch(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `2019-06-01 12:00:00`.
    public static func text(_ seconds: Int64) -> String {
        let days = Int(seconds.floorDivided(by: 86_400))
        let within = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yearText = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day)) \(two(within / 3600)):\(two(within / 60 % 60)):\(two(within % 60))"
    }

    /// `2019:06:01 12:00:00` (EXIF's DateTime form; a `-` between date fields and a `T` are accepted too).
    public static func seconds(exif text: String) -> Int64? {
        let fields = text.trimmingPrefixAndSuffixSpaces.split(whereSeparator: { ":- T".contains($0) }).map { Int($0) }
        guard fields.count >= 6, fields.prefix(6).allSatisfy({ $0 != nil }) else { return nil }
        let f = fields.prefix(6).map { $0! }
        return seconds(year: f[0], month: f[1], day: f[2], hour: f[3], minute: f[4], second: f[5])
    }

    static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

private extension String {
    var trimmingPrefixAndSuffixSpaces: Substring {
        let start = firstIndex(where: { $0 != " " }) ?? endIndex
        let end = lastIndex(where: { $0 != " " }).map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
