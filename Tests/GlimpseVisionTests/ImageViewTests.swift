import Foundation
import Testing
import GlimpseCore
@testable import GlimpseVision
import GlimpseTestSupport

@Suite struct ImageViewTests {
    let side = 8
    /// A square whose pixel (x, y) is (10x, 10y, 7): every position is recognisable.
    var ramp: [UInt8] {
        (0..<(side * side)).flatMap { k in [UInt8(10 * (k % side)), UInt8(10 * (k / side)), 7] }
    }

    func pixel(_ rgb: [UInt8], _ x: Int, _ y: Int) -> [UInt8] { Array(rgb[(3 * (y * side + x))..<(3 * (y * side + x) + 3)]) }

    @Test func identityChangesNothing() {
        #expect(ImageView.identity.apply(rgb: ramp, side: side) == ramp)
        #expect(ImageView.identity.isIdentity && ImageView.identity.description == "identity")
    }

    @Test func flipMirrorsEveryRow() {
        let flipped = ImageView.mirror.apply(rgb: ramp, side: side)
        for y in 0..<side { for x in 0..<side { #expect(pixel(flipped, x, y) == pixel(ramp, side - 1 - x, y)) } }
        #expect(ImageView.mirror.apply(rgb: flipped, side: side) == ramp)
    }

    @Test func zoomOutShrinksOntoWhite() {
        // Half the side: the image becomes 4 x 4 in the middle (2..<6), white around it,
        // each output pixel the mean of a 2 x 2 block of the source.
        let half = ImageView(scale: 0.5).apply(rgb: ramp, side: side)
        for y in 0..<side {
            for x in 0..<side {
                if (2..<6).contains(x) && (2..<6).contains(y) {
                    let sx = 2 * (x - 2), sy = 2 * (y - 2)
                    #expect(pixel(half, x, y) == [UInt8(10 * sx + 5), UInt8(10 * sy + 5), 7])
                } else {
                    #expect(pixel(half, x, y) == [255, 255, 255])
                }
            }
        }
    }

    @Test func offsetsShiftAndCut() {
        let shifted = ImageView(offsetX: 2, offsetY: -1).apply(rgb: ramp, side: side)
        #expect(pixel(shifted, 0, 3) == [255, 255, 255] && pixel(shifted, 1, 3) == [255, 255, 255])
        #expect(pixel(shifted, 2, 3) == pixel(ramp, 0, 4))
        #expect(pixel(shifted, 7, 0) == pixel(ramp, 5, 1))
        #expect(pixel(shifted, 4, 7) == [255, 255, 255])  // the last row came from outside
    }

    @Test func namesRoundTrip() {
        for view in [ImageView.mirror, ImageView(scale: 0.85), ImageView(mirrored: true, scale: 0.8, offsetX: 8, offsetY: -4)] {
            #expect(ImageView(view.description) == view)
        }
        #expect(ImageView(scale: 0.85).description == "zoom0.85")
        #expect(ImageView(mirrored: true, scale: 0.8, offsetX: 8, offsetY: -4).description == "zoom0.8+dx8+dy-4+flip")
        #expect(ImageView("zoom1.5") == nil && ImageView("rotate") == nil)
    }

    /// `--views` of `glimpse build` and `glimpse features`.
    @Test func listsOfViews() throws {
        #expect(try ImageView.list("flip,zoom0.8") == [.mirror, ImageView(scale: 0.8)])
        #expect(try ImageView.list("identity, zoom0.9+flip") == [.identity, ImageView(mirrored: true, scale: 0.9)])
        #expect(try ImageView.list("none") == [])
        #expect(try ImageView.list("") == [])
        #expect(throws: CommaSeparatedList.InvalidItem(text: "zoom2")) { try ImageView.list("flip,zoom2") }
        #expect(throws: CommaSeparatedList.InvalidItem(text: "none")) { try ImageView.list("flip,none") }
    }

    @Test func preprocessorNamesItsView() throws {
        let fit = ImagePreprocessor.efficientNetLiteFit
        #expect(fit.cacheSuffix == "-fit" && ImagePreprocessor.efficientNetLite.cacheSuffix == "")
        let flipped = fit.with(view: .mirror)
        #expect(flipped.cacheSuffix == "-fit-view-flip")
        #expect(flipped.identifier == fit.identifier + "-view-flip")
        #expect(fit.with(view: .identity) == fit)
        // On a real file the view is applied to the framed pixels.
        let folder = try TemporaryFolder()
        let file = try folder.image("wide.png", width: 448, height: 224) { x, _ in x < 224 ? [230, 20, 20] : [20, 40, 220] }
        let plain = try fit.pixels(path: file)
        #expect(try flipped.pixels(path: file) == ImageView.mirror.apply(rgb: plain, side: 224))
    }
}
