import GlimpseLanguage

/// Source text with position markers, as in swift-syntax's tests: `top 5 1️⃣beahc`
/// is the text `top 5 beahc` with marker 1️⃣ at scalar offset 6.
struct MarkedSource {
    let source: Source
    let markers: [String: Int]

    static let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]

    init(_ marked: String, name: String = "test.gq") {
        var text = ""
        var markers: [String: Int] = [:]
        var offset = 0
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in MarkedSource.markerNames where rest.hasPrefix(marker) {
                markers[marker] = offset
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            let character = rest.removeFirst()
            text.append(character)
            offset += character.unicodeScalars.count
        }
        self.source = Source(name: name, text: text)
        self.markers = markers
    }

    subscript(_ marker: String) -> Int { markers[marker]! }
}
