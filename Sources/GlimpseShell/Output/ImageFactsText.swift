import GlimpseCore

/// An image's file facts as `show` and the JSON output give them: named fields, only the known ones.
public enum ImageFactsText {
    /// For the table: `folder`, `size`, `pixels`, `modified`, `taken`, `camera`.
    public static func lines(file: String, facts: ImageFileFacts) -> [(name: String, value: String)] {
        var lines: [(String, String)] = [("folder", folder(of: file))]
        if let size = facts.byteSize { lines.append(("size", byteText(size))) }
        if let width = facts.pixelWidth, let height = facts.pixelHeight { lines.append(("pixels", "\(width) x \(height)")) }
        if let modified = facts.modified { lines.append(("modified", CalendarTime.text(modified) + " UTC")) }
        if let taken = facts.taken { lines.append(("taken", CalendarTime.text(taken) + " (camera clock)")) }
        if let camera = facts.camera { lines.append(("camera", camera)) }
        return lines
    }

    /// For JSON: `folder`, `bytes`, `width`, `height`, `modified` (UTC, ISO 8601 with Z), `taken`
    /// (the camera's clock, ISO 8601 without a zone), `camera`.
    static func jsonFields(file: String, facts: ImageFileFacts) -> [(String, String)] {
        var fields: [(String, String)] = [("folder", JSONText.string(folder(of: file)))]
        if let size = facts.byteSize { fields.append(("bytes", String(size))) }
        if let width = facts.pixelWidth { fields.append(("width", String(width))) }
        if let height = facts.pixelHeight { fields.append(("height", String(height))) }
        if let modified = facts.modified { fields.append(("modified", JSONText.string(iso(modified) + "Z"))) }
        if let taken = facts.taken { fields.append(("taken", JSONText.string(iso(taken)))) }
        if let camera = facts.camera { fields.append(("camera", JSONText.string(camera))) }
        return fields
    }

    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    private static func iso(_ seconds: Int64) -> String {
        String(CalendarTime.text(seconds).map { $0 == " " ? "T" : $0 })
    }

    /// `2.4 MB (2,412,331 bytes)`, or `312 bytes`.
    static func byteText(_ size: Int) -> String {
        var grouped = ""
        for (i, digit) in String(size).reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        grouped = String(grouped.reversed())
        guard size >= 1000 else { return "\(size) bytes" }
        let units = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let (scale, unit) = units.first { Double(size) >= $0.0 }!
        return ScoreText.fixed(Double(size) / scale, digits: 1) + " \(unit) (\(grouped) bytes)"
    }
}
