import CVipsShim
import Foundation

/// Turns an image file into the input tensor EfficientNet-Lite0 expects.
///
/// The steps are those of the TensorFlow Lite models' evaluation: resize so that
/// the short side is 256 (libvips shrinks JPEGs while decoding), cut the centre
/// 224 x 224, convert to sRGB with transparency flattened onto white, then scale
/// each byte `x` to `(x/255 - 127/255) / (128/255)`, channels first (RGB, CHW).
/// `framing: .fitOnWhite` instead scales the whole image into the square and pads
/// it with white, as the baseline clip-art evaluation did: nothing is cut off. A PNG
/// is flattened onto white first and box-shrunk by an integer factor while it is
/// decoded (as a JPEG is shrunk while decoding), then resized the rest of the way.
public struct ImagePreprocessor: Sendable, Equatable {
    /// How the image is made square.
    public enum Framing: String, Sendable, Equatable {
        /// Short side to `shortSide`, then the centre `cropSize` square (ImageNet evaluation).
        case centreCrop
        /// Long side to `cropSize`, centred on white (letterbox).
        case fitOnWhite
    }

    /// The length the short side is resized to before cropping (centre crop only).
    public var shortSide: Int
    /// The side of the square input; the model's input size.
    public var cropSize: Int
    /// How the image is made square.
    public var framing: Framing
    /// A variant applied to the framed square (mirrored, zoomed out, shifted); identity by default.
    public var view: ImageView
    /// What files it agrees to open (not part of `identifier`: the same pixels either way).
    public var limits: ImageFileLimits = .standard

    public init(shortSide: Int = 256, cropSize: Int = 224, framing: Framing = .centreCrop, view: ImageView = .identity) {
        precondition(cropSize > 0 && shortSide >= cropSize, "the crop must fit inside the resized image")
        self.shortSide = shortSide
        self.cropSize = cropSize
        self.framing = framing
        self.view = view
    }

    /// The same steps followed by `view`.
    public func with(view: ImageView) -> ImagePreprocessor {
        var copy = self
        copy.view = view
        return copy
    }

    /// The preprocessing EfficientNet-Lite0 was evaluated with.
    public static let efficientNetLite = ImagePreprocessor()

    /// The whole image, letterboxed on white (see `Framing.fitOnWhite`).
    public static let efficientNetLiteFit = ImagePreprocessor(framing: .fitOnWhite)

    /// What a collection's feature cache name gets appended for these steps, so that each
    /// framing and view has its own files: `""` (centre crop), `-fit`, `-fit-view-flip`.
    /// The same preprocessing with other limits on the files it opens.
    public func with(limits: ImageFileLimits) -> ImagePreprocessor {
        var copy = self
        copy.limits = limits
        return copy
    }

    public var cacheSuffix: String {
        (framing == .fitOnWhite ? "-fit" : "") + (view.isIdentity ? "" : "-view-\(view)")
    }

    /// Floats in one image's tensor: 3 x cropSize x cropSize.
    public var tensorCount: Int { 3 * cropSize * cropSize }

    /// Names these steps, so that features made another way are never mixed with them.
    /// A view other than the identity adds `-view-<description>`.
    public var identifier: String {
        let base = switch framing {
        case .centreCrop: "short\(shortSide)-centre\(cropSize)-rgb-white-mean127-scale128-chw"
        case .fitOnWhite: "fit\(cropSize)-pad-white-rgb-mean127-scale128-chw"
        }
        return view.isIdentity ? base : base + "-view-\(view)"
    }

    /// Names these steps and the decoder that made the pixels, for feature caches: the fit
    /// framing's PNGs have been flattened and box-shrunk while decoding since the cache's
    /// `+png-box-shrink`, which moves features slightly (median cosine 0.999 to the libvips-only
    /// decoding), so features cached before are encoded again rather than mixed with new ones.
    /// A space records `identifier`: the steps are the same, and its queries still embed.
    public var cacheIdentifier: String {
        framing == .fitOnWhite ? identifier + "+png-box-shrink" : identifier
    }

    /// The square model input of the image at `path` as RGB bytes, row by row (HWC).
    public func pixels(path: String) throws -> [UInt8] {
        view.apply(rgb: try framedPixels(path: path), side: cropSize)
    }

    /// How the fit framing decodes a PNG (see `gv_fit_file`): the same bytes each way,
    /// which the tests check; only `.own` is used outside them.
    enum PNGReader {
        /// Glimpse's own reader where it can (libdeflate), libvips for the rest.
        case own
        /// The same with zlib instead of libdeflate.
        case ownWithZlib
        /// libvips alone.
        case libvips

        var code: Int32 {
            switch self {
            case .own: Int32(GV_PNG_READER_OWN)
            case .ownWithZlib: Int32(GV_PNG_READER_OWN_ZLIB)
            case .libvips: Int32(GV_PNG_READER_LIBVIPS)
            }
        }
    }

    /// The image at `path` framed (`framing`) but not yet viewed: RGB bytes, HWC.
    func framedPixels(path: String, pngReader: PNGReader = .own) throws -> [UInt8] {
        try VipsLibrary.start()
        try limits.check(path: path)
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = switch framing {
        case .centreCrop: gv_preprocess_file(path, Int32(shortSide), Int32(cropSize), &bytes, &length)
        case .fitOnWhite: gv_fit_file(path, Int32(cropSize), pngReader.code, &bytes, &length)
        }
        guard status == 0, let bytes else {
            throw VipsLibrary.error(file: path, fallback: "cannot decode the image")
        }
        defer { gv_free(bytes) }
        return try copy(bytes, length: length, file: path)
    }

    /// The centre crop of an encoded image held in memory; `name` labels errors.
    public func pixels(encoded data: [UInt8], name: String = "<memory>") throws -> [UInt8] {
        precondition(framing == .centreCrop, "buffers support the centre crop only")
        try VipsLibrary.start()
        guard !data.isEmpty else { throw ImageError(file: name, message: "empty image data") }
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = data.withUnsafeBytes {
            gv_preprocess_buffer($0.baseAddress, $0.count, Int32(shortSide), Int32(cropSize), &bytes, &length)
        }
        guard status == 0, let bytes else {
            throw VipsLibrary.error(file: name, fallback: "cannot decode the image")
        }
        defer { gv_free(bytes) }
        return view.apply(rgb: try copy(bytes, length: length, file: name), side: cropSize)
    }

    /// The model input for the image at `path`: 3 x cropSize x cropSize floats.
    public func tensor(path: String) throws -> [Float] {
        try tensors(path: path, views: [view])[0]
    }

    /// The model inputs of the image at `path` in each of `views` (this preprocessor's own
    /// view is not used): the file is decoded and framed once, and each view made from that.
    /// Equal to `with(view: v).tensor(path:)` for every `v`.
    public func tensors(path: String, views: [ImageView]) throws -> [[Float]] {
        let framed = try framedPixels(path: path)
        return views.map { view in
            let rgb = view.apply(rgb: framed, side: cropSize)
            return [Float](unsafeUninitializedCapacity: tensorCount) { buffer, count in
                ImagePreprocessor.normalize(rgb: rgb, into: buffer)
                count = tensorCount
            }
        }
    }

    /// Scales interleaved RGB bytes into channel planes of `(x - 127) / 128`.
    ///
    /// `(x/255 - 127/255) / (128/255)` is `(x - 127) / 128`; computed that way every
    /// value is exact in float32, where the three-step form rounds (by under 1e-7).
    public static func normalize(rgb: [UInt8], into planes: UnsafeMutableBufferPointer<Float>) {
        let area = rgb.count / 3
        precondition(planes.count >= 3 * area && rgb.count == 3 * area, "need 3 planes of \(area) floats")
        rgb.withUnsafeBufferPointer { source in
            for i in 0..<area {
                planes[i] = (Float(source[3 * i]) - 127) / 128
                planes[area + i] = (Float(source[3 * i + 1]) - 127) / 128
                planes[2 * area + i] = (Float(source[3 * i + 2]) - 127) / 128
            }
        }
    }

    private func copy(_ bytes: UnsafeMutablePointer<UInt8>, length: Int, file: String) throws -> [UInt8] {
        guard length == 3 * cropSize * cropSize else {
            throw ImageError(file: file, message: "libvips returned \(length) bytes, expected \(3 * cropSize * cropSize)")
        }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }
}
