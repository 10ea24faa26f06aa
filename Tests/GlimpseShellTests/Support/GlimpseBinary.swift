import Foundation
import GlimpseTestSupport

/// The built `glimpse` executable, which sits beside the test bundle in the build folder.
enum GlimpseBinary {
    /// $GLIMPSE_BINARY, else `glimpse` next to the test bundle, else in `swift build --show-bin-path`.
    static let path: String? = {
        let fileManager = FileManager.default
        if let given = ProcessInfo.processInfo.environment["GLIMPSE_BINARY"], fileManager.isExecutableFile(atPath: given) {
            return given
        }
        var folders = [Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            // The test bundle may be a folder (GlimpsePackageTests.xctest/...), so walk up a little.
            var candidate = folder
            for _ in 0..<4 {
                let binary = candidate.appendingPathComponent("glimpse").path
                if fileManager.isExecutableFile(atPath: binary) { return binary }
                candidate.deleteLastPathComponent()
            }
        }
        guard let result = try? ProcessRun.run("/usr/bin/env", ["swift", "build", "--show-bin-path"],
                                               folder: PackageFolder.root.path, timeout: 120),
              result.status == 0 else { return nil }
        let binary = result.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/glimpse"
        return fileManager.isExecutableFile(atPath: binary) ? binary : nil
    }()
}
