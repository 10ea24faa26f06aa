import CONNXRuntime
import Foundation

/// ONNX Runtime's shared library, loaded at run time with dlopen.
///
/// Loading at run time keeps the library out of the build: `swift build` and every
/// test that does not run the model work on a machine without it. One instance per
/// library path lives for the whole process (a dlopen'd runtime is never unloaded,
/// and ONNX Runtime wants a single environment per process).
public final class ONNXRuntime: @unchecked Sendable {
    /// The file the library was loaded from.
    public let path: String
    /// The runtime's version, e.g. "1.32.0".
    public let version: String
    /// The C API version Glimpse asked for and got.
    public static let apiVersion = Int(ORT_API_VERSION_REQUESTED)

    // Immutable after init, and ONNX Runtime's entry points are thread-safe: hence
    // @unchecked Sendable.
    let library: UnsafeMutablePointer<OrtLibrary>
    let environment: OpaquePointer
    let cpuMemory: OpaquePointer

    private static let registry = Registry()

    /// The runtime at `path`, loaded once per process.
    public static func load(path: String) throws -> ONNXRuntime {
        try registry.runtime(path: path)
    }

    /// The runtimes loaded so far, by path.
    private final class Registry: @unchecked Sendable {
        // Guarded by `lock` (NSLock rather than Synchronization.Mutex, which needs macOS 15).
        private var runtimes: [String: ONNXRuntime] = [:]
        private let lock = NSLock()

        func runtime(path: String) throws -> ONNXRuntime {
            lock.lock()
            defer { lock.unlock() }
            if let runtime = runtimes[path] { return runtime }
            let runtime = try ONNXRuntime(path: path)
            runtimes[path] = runtime
            return runtime
        }
    }

    /// The runtime found by `cache` (`$GLIMPSE_ONNXRUNTIME`, else the cache's copy).
    public static func load(from cache: GlimpseCache = GlimpseCache()) throws -> ONNXRuntime {
        try load(path: try cache.onnxRuntimeLibrary())
    }

    private init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ONNXRuntimeError.libraryNotFound(searched: [path])
        }
        let library = UnsafeMutablePointer<OrtLibrary>.allocate(capacity: 1)
        library.initialize(to: OrtLibrary())
        var reason = [CChar](repeating: 0, count: 1024)
        guard ort_load(path, library, &reason, reason.count) == 0 else {
            library.deallocate()
            let text = reason.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw ONNXRuntimeError.libraryUnusable(path: path, reason: text)
        }
        var environment: OpaquePointer?
        var memory: OpaquePointer?
        do {
            // Logging level 3 = errors only: warnings about unused initialisers are noise here.
            try Self.check(library, "CreateEnv", ort_create_env(library, 3, "glimpse", &environment))
            try Self.check(library, "CreateCpuMemoryInfo", ort_create_cpu_memory_info(library, &memory))
        } catch {
            if let environment { ort_release_env(library, environment) }
            library.deallocate()
            throw error
        }
        self.path = path
        self.version = String(cString: library.pointee.version)
        self.library = library
        self.environment = environment!
        self.cpuMemory = memory!
    }

    /// Throws the runtime's error for a non-nil status, releasing the status.
    func check(_ operation: String, _ status: OpaquePointer?) throws {
        try Self.check(library, operation, status)
    }

    static func check(_ library: UnsafePointer<OrtLibrary>, _ operation: String, _ status: OpaquePointer?) throws {
        guard let status else { return }
        let message = String(cString: ort_error_message(library, status))
        let code = Int(ort_error_code(library, status))
        ort_release_status(library, status)
        throw ONNXRuntimeError.runtime(operation: operation, code: code, message: message)
    }
}
