import CVipsShim
import Foundation

/// Whole-image pixel access, for tests and tools that need exact pixels.
public enum ImageFile {
    /// Decodes the image at `path` to sRGB bytes (alpha flattened onto white), row by row.
    public static func rgbPixels(path: String) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        try VipsLibrary.start()
        try ImageFileLimits.standard.check(path: path)
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        var width: Int32 = 0, height: Int32 = 0
        guard gv_decode_file(path, &bytes, &length, &width, &height) == 0, let bytes else {
            throw VipsLibrary.error(file: path, fallback: "cannot decode the image")
        }
        defer { gv_free(bytes) }
        return (Int(width), Int(height), Array(UnsafeBufferPointer(start: bytes, count: length)))
    }

    /// Writes `width` x `height` pixels of `bands` bytes each (1 grey, 3 RGB, 4 RGBA)
    /// to `path`; its suffix (.png, .jpg, .webp) picks the format.
    public static func write(pixels: [UInt8], width: Int, height: Int, bands: Int, to path: String) throws {
        precondition([1, 3, 4].contains(bands) && pixels.count == width * height * bands, "pixel count mismatch")
        try VipsLibrary.start()
        let status = pixels.withUnsafeBufferPointer {
            gv_save_pixels($0.baseAddress, Int32(width), Int32(height), Int32(bands), path)
        }
        guard status == 0 else { throw VipsLibrary.error(file: path, fallback: "cannot write the image") }
    }
}
