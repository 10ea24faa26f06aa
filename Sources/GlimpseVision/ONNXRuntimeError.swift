/// A failure to find, load or run ONNX Runtime or the model.
public enum ONNXRuntimeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No ONNX Runtime library at any of the places looked at.
    case libraryNotFound(searched: [String])
    /// A file was found but could not be used as ONNX Runtime (dlopen's reason, a missing
    /// entry point, an API version the library lacks).
    case libraryUnusable(path: String, reason: String)
    /// No model file at any of the places looked at.
    case modelNotFound(searched: [String])
    /// ONNX Runtime returned an error status; `message` is the runtime's own text.
    case runtime(operation: String, code: Int, message: String)
    /// The model loaded but is not the one Glimpse expects (inputs, outputs, shapes).
    case unexpectedModel(path: String, reason: String)

    static let howToGet = "run Scripts/fetch-assets.sh (it puts both in the cache), or set GLIMPSE_ONNXRUNTIME / GLIMPSE_MODEL"

    public var description: String {
        switch self {
        case .libraryNotFound(let searched):
            "ONNX Runtime library not found (looked for \(searched.joined(separator: ", "))); \(Self.howToGet)"
        case .libraryUnusable(let path, let reason):
            "cannot use ONNX Runtime library \(path): \(reason)"
        case .modelNotFound(let searched):
            "image model efficientnet_lite0.onnx not found (looked for \(searched.joined(separator: ", "))); \(Self.howToGet)"
        case .runtime(let operation, let code, let message):
            "ONNX Runtime \(operation) failed (code \(code)): \(message)"
        case .unexpectedModel(let path, let reason):
            "unexpected model \(path): \(reason)"
        }
    }
}
