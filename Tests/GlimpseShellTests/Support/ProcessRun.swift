import Foundation

/// Runs a program to its end with input, capturing its output, killed after a timeout.
struct ProcessRun {
    var status: Int32
    var output: String
    var error: String

    struct TimedOut: Error, CustomStringConvertible {
        var command: String
        var description: String { "timed out: \(command)" }
    }

    static func run(_ executable: String, _ arguments: [String], input: String = "", environment: [String: String]? = nil,
                    folder: String? = nil, timeout: Double = 30) throws -> ProcessRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read both pipes while the process runs, so a full pipe cannot block it.
        nonisolated(unsafe) var out = Data(), err = Data()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TimedOut(command: ([executable] + arguments).joined(separator: " "))
        }
        readers.wait()
        return ProcessRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                          error: String(decoding: err, as: UTF8.self))
    }
}
