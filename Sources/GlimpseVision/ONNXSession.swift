import CONNXRuntime
import Foundation

/// A float32 tensor: its shape and its values in row-major order.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }
}

/// One ONNX model loaded into ONNX Runtime, ready to run on float32 tensors.
///
/// ONNX Runtime allows concurrent `Run` calls on one session, so a session can be
/// shared between tasks.
public final class ONNXSession: @unchecked Sendable {
    /// The runtime the session belongs to.
    public let runtime: ONNXRuntime
    /// The model file.
    public let modelPath: String
    /// Counts of the model's inputs and outputs.
    public let inputCount: Int, outputCount: Int
    private let session: OpaquePointer

    /// Loads the model at `modelPath`; `threads` bounds the threads used inside one run.
    public init(runtime: ONNXRuntime, modelPath: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw ONNXRuntimeError.modelNotFound(searched: [modelPath])
        }
        let library = runtime.library
        var options: OpaquePointer?
        try runtime.check("CreateSessionOptions", ort_create_session_options(library, &options))
        defer { ort_release_session_options(library, options) }
        try runtime.check("SetIntraOpNumThreads", ort_set_intra_op_threads(library, options, Int32(max(1, threads))))
        try runtime.check("SetInterOpNumThreads", ort_set_inter_op_threads(library, options, 1))
        // Idle intra-op threads sleep instead of spinning: the spinning took CPU from the
        // decoders that run beside the model (2 threads, 2 cores: about half the model's
        // CPU time per image; docs/images.md).
        try runtime.check("AddSessionConfigEntry", ort_add_session_config_entry(library, options, "session.intra_op.allow_spinning", "0"))
        var session: OpaquePointer?
        try runtime.check("CreateSession(\(modelPath))", ort_create_session(library, runtime.environment, modelPath, options, &session))
        var inputs = 0, outputs = 0
        do {
            try runtime.check("SessionGetInputCount", ort_session_input_count(library, session, &inputs))
            try runtime.check("SessionGetOutputCount", ort_session_output_count(library, session, &outputs))
        } catch {
            ort_release_session(library, session)
            throw error
        }
        self.runtime = runtime
        self.modelPath = modelPath
        self.session = session!
        self.inputCount = inputs
        self.outputCount = outputs
    }

    deinit {
        ort_release_session(runtime.library, session)
    }

    /// Runs the model on one named input and returns the named outputs, in order.
    public func run(input name: String, _ input: Tensor, outputs names: [String]) throws -> [Tensor] {
        let library = runtime.library
        var values = input.values
        let shape = input.shape.map(Int64.init)
        return try values.withUnsafeMutableBufferPointer { data in
            var tensor: OpaquePointer?
            try runtime.check("CreateTensorWithDataAsOrtValue", shape.withUnsafeBufferPointer {
                ort_create_float_tensor(library, runtime.cpuMemory, data.baseAddress, data.count, $0.baseAddress, $0.count, &tensor)
            })
            defer { ort_release_value(library, tensor) }
            var results = [OpaquePointer?](repeating: nil, count: names.count)
            defer { for value in results where value != nil { ort_release_value(library, value) } }
            try withCStrings([name] + names) { cNames in
                var inputs: [OpaquePointer?] = [tensor]
                try runtime.check("Run", ort_run(library, session, cNames, &inputs, 1,
                                                 cNames + 1, names.count, &results))
            }
            return try results.map { try read($0!) }
        }
    }

    private func read(_ value: OpaquePointer) throws -> Tensor {
        let library = runtime.library
        var dims = [Int64](repeating: 0, count: 8)
        var rank = 0
        try runtime.check("GetTensorTypeAndShape", ort_tensor_shape(library, value, &dims, dims.count, &rank))
        guard rank <= dims.count else {
            throw ONNXRuntimeError.unexpectedModel(path: modelPath, reason: "an output of rank \(rank)")
        }
        let shape = dims.prefix(rank).map { Int($0) }
        var raw: UnsafeMutableRawPointer?
        try runtime.check("GetTensorMutableData", ort_tensor_data(library, value, &raw))
        let count = shape.reduce(1, *)
        let floats = raw!.bindMemory(to: Float.self, capacity: count)
        return Tensor(shape: shape, values: Array(UnsafeBufferPointer(start: floats, count: count)))
    }
}

/// Calls `body` with NUL-terminated copies of `strings` that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> R) rethrows -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) }
    return try pointers.withUnsafeBufferPointer { try body($0.baseAddress!) }
}
