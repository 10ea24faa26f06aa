import Foundation

/// A program in a real pseudo-terminal: a detached tmux session on its own
/// server socket, driven by send-keys and read by capture-pane.
final class TmuxSession {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    let name: String

    /// Starts `script` (run by sh, with `arguments`) in a new session of `columns` x `rows`.
    init(socket: String, name: String, script: String, arguments: [String] = [], columns: Int = 100, rows: Int = 50) throws {
        self.socket = socket
        self.name = name
        guard let tmux = TmuxSession.tmux else { throw Failure(description: "tmux is not installed") }
        let status = try ProcessRun.runLeavingDaemon(tmux, ["-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
                                                            "-x", String(columns), "-y", String(rows), "sh", script] + arguments)
        guard status == 0 else { throw Failure(description: "tmux new-session failed with status \(status)") }
    }

    /// Types text literally (no key names).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Presses keys by tmux name: Enter, Tab, Up, C-c, C-d.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The visible screen, one string per row, trailing blanks removed.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", name]).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// The last row with text: where the prompt and the line being typed are.
    func lastLine() throws -> String {
        try screen().last { !$0.isEmpty } ?? ""
    }

    /// Polls the screen until `condition` holds; fails with the screen after `timeout` seconds.
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var rows: [String] = []
        while Date() < deadline {
            rows = try screen()
            if condition(rows) { return rows }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for \(what); the screen was:\n" + rows.joined(separator: "\n"))
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> [String] {
        try waitUntil("'\(text)'", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Waits until the last row with text is exactly `line`.
    func waitForLastLine(_ line: String, timeout: Double = 15) throws {
        try waitUntil("the last line to be '\(line)'", timeout: timeout) { rows in
            rows.last { !$0.isEmpty } == line
        }
    }

    func killServer() {
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let tmux = TmuxSession.tmux else { throw Failure(description: "tmux is not installed") }
        let result = try ProcessRun.run(tmux, ["-S", socket] + arguments, timeout: 10)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.error)")
        }
        return result.output
    }
}
