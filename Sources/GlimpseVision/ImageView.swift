import Foundation
import GlimpseCore

/// A deterministic variant of a framed model input: mirrored, zoomed out onto white,
/// shifted. Views augment training (a random view per image per epoch) and are
/// averaged at embedding time (test-time augmentation).
///
/// A view is applied to the square RGB bytes the framing produced: the framed image
/// is resized to `scale` of the side (bilinear, pixel centres aligned), placed at
/// the centre moved by (`offsetX`, `offsetY`) pixels on a white square of the same
/// side, and mirrored left-right when `mirrored`. The identity view changes nothing.
public struct ImageView: Sendable, Hashable, CustomStringConvertible {
    /// Mirror left-right (applied last, to the whole square).
    public var mirrored: Bool
    /// The framed image's share of the side after the view, in (0, 1].
    public var scale: Float
    /// Shift of the content in pixels (positive: right, down); what leaves the square is cut.
    public var offsetX: Int
    public var offsetY: Int

    public init(mirrored: Bool = false, scale: Float = 1, offsetX: Int = 0, offsetY: Int = 0) {
        precondition(scale > 0 && scale <= 1, "a view's scale must be in (0, 1]")
        self.mirrored = mirrored
        self.scale = scale
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    /// Changes nothing.
    public static let identity = ImageView()
    /// Mirrored left-right.
    public static let mirror = ImageView(mirrored: true)

    public var isIdentity: Bool { self == .identity }

    /// A short stable name: `identity`, `flip`, `zoom0.85`, `zoom0.85+dx8+dy-8+flip`.
    public var description: String {
        var parts: [String] = []
        if scale != 1 { parts.append("zoom" + Self.decimal(scale)) }
        if offsetX != 0 { parts.append("dx\(offsetX)") }
        if offsetY != 0 { parts.append("dy\(offsetY)") }
        if mirrored { parts.append("flip") }
        return parts.isEmpty ? "identity" : parts.joined(separator: "+")
    }

    /// Parses `description` back (`identity`, `flip`, `zoom0.85`, `zoom0.8+dx8+dy-4+flip`, ...).
    public init?(_ text: String) {
        var view = ImageView()
        guard text != "identity" else { self = view; return }
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            if part == "flip" { view.mirrored = true; continue }
            if part.hasPrefix("zoom"), let s = Float(part.dropFirst(4)), s > 0, s <= 1 { view.scale = s; continue }
            if part.hasPrefix("dx"), let d = Int(part.dropFirst(2)) { view.offsetX = d; continue }
            if part.hasPrefix("dy"), let d = Int(part.dropFirst(2)) { view.offsetY = d; continue }
            return nil
        }
        self = view
    }

    /// A comma-separated list of views (`flip,zoom0.8`, `identity,flip`), or `none` for no
    /// views; the first item that is not a view is thrown.
    public static func list(_ text: String) throws(CommaSeparatedList.InvalidItem) -> [ImageView] {
        text == "none" ? [] : try CommaSeparatedList.parse(text, item: ImageView.init)
    }

    private static func decimal(_ x: Float) -> String {
        var s = String(format: "%.3f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// The view of `rgb`, interleaved RGB bytes of a `side` x `side` square.
    public func apply(rgb: [UInt8], side: Int) -> [UInt8] {
        precondition(rgb.count == 3 * side * side, "expected a \(side) x \(side) RGB square")
        if isIdentity { return rgb }
        let content = max(1, Int((Float(side) * scale).rounded()))
        let left = (side - content) / 2 + offsetX, top = (side - content) / 2 + offsetY
        let ratio = Float(side) / Float(content)  // source pixels per content pixel
        var out = [UInt8](repeating: 255, count: rgb.count)
        rgb.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<side {
                    let cy = y - top
                    guard cy >= 0, cy < content else { continue }
                    // Bilinear sample at the source position of this pixel's centre.
                    let sy = max(0, min(Float(side - 1), (Float(cy) + 0.5) * ratio - 0.5))
                    let y0 = Int(sy), y1 = min(y0 + 1, side - 1), fy = sy - Float(y0)
                    for x in 0..<side {
                        let cx = x - left
                        guard cx >= 0, cx < content else { continue }
                        let sx = max(0, min(Float(side - 1), (Float(cx) + 0.5) * ratio - 0.5))
                        let x0 = Int(sx), x1 = min(x0 + 1, side - 1), fx = sx - Float(x0)
                        let tx = mirrored ? side - 1 - x : x
                        for c in 0..<3 {
                            let a = Float(src[(y0 * side + x0) * 3 + c]), b = Float(src[(y0 * side + x1) * 3 + c])
                            let d = Float(src[(y1 * side + x0) * 3 + c]), e = Float(src[(y1 * side + x1) * 3 + c])
                            let v = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy
                            dst[(y * side + tx) * 3 + c] = UInt8(max(0, min(255, v.rounded())))
                        }
                    }
                }
            }
        }
        return out
    }
}
