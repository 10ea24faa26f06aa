import Foundation
import GlimpseCore

extension ImageEncoder {
    /// Writes the model inputs, features and logits of `files` to `folder` as `tensors.npy`,
    /// `features.npy` and `logits.npy`, one row per file, for Scripts/check_onnx_agreement.py
    /// to compare with PyTorch and onnxruntime's Python API.
    public func writeArrays(of files: [String], to folder: String) throws {
        var tensors: [Float] = []
        for file in files { tensors += try preprocessor.tensor(path: file) }
        let encoded = try encode(tensors: tensors, count: files.count)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try NumpyArrayWriter.write(tensors, rows: files.count, columns: preprocessor.tensorCount, to: folder + "/tensors.npy")
        try NumpyArrayWriter.write(encoded.features, rows: files.count, columns: ImageEncoder.featureCount, to: folder + "/features.npy")
        try NumpyArrayWriter.write(encoded.logits, rows: files.count, columns: ImageEncoder.classCount, to: folder + "/logits.npy")
    }
}
