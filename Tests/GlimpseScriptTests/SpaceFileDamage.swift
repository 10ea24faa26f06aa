import Foundation
import GlimpseCore

/// One way to damage a space file, applied to its bytes.
///
/// The layout (docs of GlimpseCore's SpaceFileHeader and SectionEntry): a 64-byte
/// header (magic 0..<8, major 8, minor 10, header size 12, section count 16,
/// flags 20, table offset 24, file length 32, dimension 40, reserved 48,
/// checksum 56), then a table of 32-byte entries (kind 0, flags 4, offset 8,
/// length 16, checksum 24). The header checksum is xxHash64 of the table seeded
/// with xxHash64 of header bytes 0..<56.
struct SpaceFileDamage: CustomStringConvertible, Sendable {
    let description: String
    let apply: @Sendable ([UInt8]) -> [UInt8]

    struct Section {
        var index: Int
        var kind: UInt32
        var offset: Int
        var length: Int
    }

    static func sections(of bytes: [UInt8]) -> [Section] {
        let count = Int(read(UInt32.self, bytes, at: 16))
        let table = Int(read(UInt64.self, bytes, at: 24))
        return (0..<count).map { i in
            let entry = table + i * 32
            return Section(index: i, kind: read(UInt32.self, bytes, at: entry),
                           offset: Int(read(UInt64.self, bytes, at: entry + 8)), length: Int(read(UInt64.self, bytes, at: entry + 16)))
        }
    }

    /// Every damage the tests try on `intact`: truncations, flipped bytes in the
    /// header, the table and every section, and header and table fields rewritten
    /// both with the stale checksum and with the checksum recomputed, so the checks
    /// behind the checksum are reached too.
    static func catalogue(for intact: [UInt8]) -> [SpaceFileDamage] {
        let size = intact.count
        let sections = Self.sections(of: intact)
        let tableEnd = 64 + sections.count * 32
        var damages: [SpaceFileDamage] = []

        var cuts: Set<Int> = [0, 1, 7, 8, 9, 12, 32, 55, 56, 63, 64, 65, 96, tableEnd - 1, tableEnd, size - 1]
        for section in sections where section.length > 0 {
            cuts.formUnion([section.offset, section.offset + 1, section.offset + section.length / 2, section.offset + section.length - 1])
        }
        for cut in cuts.sorted() where cut < size {
            damages.append(SpaceFileDamage(description: "truncated to \(cut) of \(size) bytes") { Array($0.prefix(cut)) })
        }

        for offset in 0..<64 {
            damages.append(flip(at: offset, "header byte \(offset)"))
        }
        for offset in stride(from: 64, to: tableEnd, by: 4) {
            damages.append(flip(at: offset, "section table byte \(offset)"))
        }
        for section in sections where section.length > 0 {
            for position in Set([0, section.length / 3, section.length / 2, section.length - 1]).sorted() {
                damages.append(flip(at: section.offset + position, "section kind \(section.kind) byte \(position) of \(section.length)"))
            }
        }

        let headerFields: [(String, Int, Int, [UInt64])] = [
            ("major version", 8, 2, [0, 2, 0xFFFF]),
            ("minor version", 10, 2, [1, 0xFFFF]),
            ("header size", 12, 4, [0, 63, 65, 4096, 0xFFFF_FFFF]),
            ("section count", 16, 4, [0, 1, UInt64(sections.count - 1), UInt64(sections.count + 1), 4096, 4097, 0xFFFF_FFFF]),
            ("flags", 20, 4, [1, 0xFFFF_FFFF]),
            ("table offset", 24, 8, [0, 63, 65, 128, UInt64(size), UInt64(size + 1), UInt64.max, UInt64.max - 31]),
            ("file length", 32, 8, [0, UInt64(size - 1), UInt64(size + 1), UInt64.max]),
            ("dimension", 40, 8, [0, 1, 25, 49, 51, 100, 1 << 20, 1 << 21, UInt64(UInt32.max) + 50, UInt64.max]),
            ("reserved", 48, 8, [1]),
        ]
        for (name, offset, width, values) in headerFields {
            for value in values {
                damages.append(rewrite(at: offset, width: width, value: value, "header \(name) = \(value)", reseal: false))
                damages.append(rewrite(at: offset, width: width, value: value, "header \(name) = \(value), checksum recomputed", reseal: true))
            }
        }

        for section in sections {
            let entry = 64 + section.index * 32
            let name = "section \(section.index) (kind \(section.kind))"
            let rewrites: [(String, Int, Int, UInt64)] = [
                ("kind 0", 0, 4, 0), ("unknown kind 99", 0, 4, 99),
                ("kind of the next section", 0, 4, UInt64(sections[(section.index + 1) % sections.count].kind)),
                ("required flag", 4, 4, 1),
                ("offset 0", 8, 8, 0), ("offset + 4", 8, 8, UInt64(section.offset + 4)),
                ("offset + 64", 8, 8, UInt64(section.offset + 64)), ("offset - 64", 8, 8, UInt64(max(0, section.offset - 64))),
                ("offset at the end", 8, 8, UInt64(size)), ("offset huge", 8, 8, UInt64.max - 7),
                ("length 0", 16, 8, 0), ("length + 1", 16, 8, UInt64(section.length + 1)),
                ("length - 1", 16, 8, UInt64(max(0, section.length - 1))), ("length + 4", 16, 8, UInt64(section.length + 4)),
                ("length huge", 16, 8, UInt64.max),
            ]
            for (what, field, width, value) in rewrites {
                damages.append(rewrite(at: entry + field, width: width, value: value, "\(name) \(what), checksum recomputed", reseal: true))
            }
            // Same, with the section's own checksum also recomputed: only the structure checks remain.
            for (what, field, width, value) in rewrites where field == 16 && value < UInt64(size) {
                damages.append(SpaceFileDamage(description: "\(name) \(what), all checksums recomputed") { bytes in
                    var out = bytes
                    write(value, width: width, into: &out, at: entry + field)
                    resealSection(&out, entry: entry)
                    reseal(&out)
                    return out
                })
            }
        }
        // Two entries' kinds swapped: every checksum still matches its bytes.
        for (a, b) in zip(sections.indices, sections.indices.dropFirst()) {
            damages.append(SpaceFileDamage(description: "sections \(a) and \(b) swap kinds, checksum recomputed") { bytes in
                var out = bytes
                write(UInt64(sections[b].kind), width: 4, into: &out, at: 64 + a * 32)
                write(UInt64(sections[a].kind), width: 4, into: &out, at: 64 + b * 32)
                reseal(&out)
                return out
            })
        }
        damages.append(SpaceFileDamage(description: "empty file") { _ in [] })
        damages.append(SpaceFileDamage(description: "a text file") { _ in Array("king 0.1 0.2 0.3\n".utf8) })
        damages.append(SpaceFileDamage(description: "zeros of the right size") { [UInt8](repeating: 0, count: $0.count) })
        damages.append(SpaceFileDamage(description: "the file twice") { $0 + $0 })
        damages.append(SpaceFileDamage(description: "one byte appended") { $0 + [0] })
        return damages
    }

    static func flip(at offset: Int, _ what: String) -> SpaceFileDamage {
        SpaceFileDamage(description: "flipped \(what)") { bytes in
            var out = bytes
            out[offset] ^= 0x5A
            return out
        }
    }

    static func rewrite(at offset: Int, width: Int, value: UInt64, _ what: String, reseal resealing: Bool) -> SpaceFileDamage {
        SpaceFileDamage(description: what) { bytes in
            var out = bytes
            write(value, width: width, into: &out, at: offset)
            if resealing { reseal(&out) }
            return out
        }
    }

    static func write(_ value: UInt64, width: Int, into bytes: inout [UInt8], at offset: Int) {
        for i in 0..<width { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for i in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + i]) << (8 * i) }
        return value
    }

    /// Recomputes the header checksum over the header and the table as the header
    /// now places them, like a writer would. When the table lies outside the file
    /// the reader stops before the checksum, so there is nothing to recompute.
    static func reseal(_ bytes: inout [UInt8]) {
        let count = UInt64(read(UInt32.self, bytes, at: 16)), offset = read(UInt64.self, bytes, at: 24)
        guard offset <= UInt64(bytes.count), count * 32 <= UInt64(bytes.count) - offset else { return }
        let table = Array(bytes[Int(offset)..<(Int(offset) + Int(count) * 32)])
        let headerHash = XXHash64.hash(Array(bytes[0..<56]))
        write(XXHash64.hash(table, seed: headerHash), width: 8, into: &bytes, at: 56)
    }

    /// Recomputes one section's checksum from the offset and length its entry now records.
    static func resealSection(_ bytes: inout [UInt8], entry: Int) {
        let offset = Int(read(UInt64.self, bytes, at: entry + 8)), length = Int(read(UInt64.self, bytes, at: entry + 16))
        guard offset + length <= bytes.count else { return }
        write(XXHash64.hash(Array(bytes[offset..<(offset + length)])), width: 8, into: &bytes, at: entry + 24)
    }
}
