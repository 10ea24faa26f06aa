import Foundation
import GlimpseTestSupport

/// Runs the `glimpse` executable built beside this test bundle, as a user would.
struct BuiltProgram {
    /// `swift test` builds every product into the folder that holds the test bundle.
    static let glimpse: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [bundleFolder, bundleFolder.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("glimpse")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return PackageFolder.root.appendingPathComponent(".build/debug/glimpse")
    }()

    struct Result {
        /// The exit status, or the signal number when `killedBySignal`.
        var status: Int32
        /// A trap or crash (or a kill) rather than an exit: never acceptable from glimpse on its own.
        var killedBySignal: Bool = false
        var standardOutput: String
        var standardError: String
    }

    /// Runs glimpse with `arguments` in the package root, feeding `input` to standard input.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(executable: glimpse, arguments, input: input, environment: environment)
    }

    /// Runs one of the package's Python scripts, `Scripts/NAME`, with python3 (the headless-browser checks).
    static func runPythonScript(_ name: String, _ arguments: [String]) throws -> Result {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                ["python3", PackageFolder.root.appendingPathComponent("Scripts/\(name)").path] + arguments)
    }

    /// Runs `executable` with `arguments` in the package root, the same way.
    static func run(executable: URL, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = PackageFolder.root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "GLIMPSE_SPACE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Read both pipes on other threads so a chatty child cannot block on a full pipe.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(stdout, outBox), (stderr, errBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus,
                      killedBySignal: process.terminationReason == .uncaughtSignal,
                      standardOutput: String(decoding: outBox.data, as: UTF8.self),
                      standardError: String(decoding: errBox.data, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
