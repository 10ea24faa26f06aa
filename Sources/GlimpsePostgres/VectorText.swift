import Foundation
import NIOCore
import PostgresNIO

/// pgvector's `vector` values as they cross the connection: a query goes as text (`[0.1,-2e-05]`,
/// each float's shortest exact spelling, so the server reads the same float32s back), and a
/// stored row comes as the binary form (int16 dimension, int16 unused, big-endian float32s).
enum VectorText {
    /// The text literal of `values`, for `$n::vector`.
    static func literal(_ values: [Float]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ",") + "]"
    }

    /// The floats of a `vector` cell, or nil when it is null or not of `dimension` values.
    static func floats(_ cell: PostgresCell, dimension: Int) -> [Float]? {
        guard var bytes = cell.bytes else { return nil }
        if cell.format == .text {
            guard let text = bytes.readString(length: bytes.readableBytes) else { return nil }
            let values = text.trimmingCharacters(in: ["[", "]"]).split(separator: ",").compactMap { Float(String($0)) }
            return values.count == dimension ? values : nil
        }
        guard let count = bytes.readInteger(as: Int16.self), bytes.readInteger(as: Int16.self) != nil,
              Int(count) == dimension, bytes.readableBytes == dimension * 4 else { return nil }
        var values = [Float](repeating: 0, count: dimension)
        for i in 0..<dimension { values[i] = Float(bitPattern: bytes.readInteger(as: UInt32.self)!) }
        return values
    }
}
