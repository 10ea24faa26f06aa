import PostgresNIO

/// Rows in the text format of `COPY ... FROM STDIN`: fields split by tabs, rows ended by
/// newlines, `\N` for null, backslash escapes for backslash, tab, newline and carriage return.
/// Vectors go as pgvector's text (`[0.25,-1e-05]`): a Float's shortest round-trip digits, which
/// the server reads back to the same float bits.
struct CopyTextRows {
    private(set) var buffer: ByteBuffer
    private var fieldsInRow = 0

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    var byteCount: Int { buffer.readableBytes }

    mutating func takeBuffer() -> ByteBuffer {
        let taken = buffer
        buffer = ByteBufferAllocator().buffer(capacity: taken.capacity)
        return taken
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func integer<Value: BinaryInteger>(_ value: Value?) {
        guard let value else { return null() }
        separate()
        buffer.writeString(String(value))
    }

    mutating func text(_ value: String?) {
        guard let value else { return null() }
        separate()
        writeEscaped(value)
    }

    /// A `text[]` literal: every element double-quoted, `"` and `\` escaped inside it.
    mutating func textArray(_ values: [String]) {
        separate()
        var literal = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        literal += "}"
        writeEscaped(literal)
    }

    mutating func vector(_ values: UnsafeBufferPointer<Float>) {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeString(value.description)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    private mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
