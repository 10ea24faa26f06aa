import Foundation
import GlimpseCore

/// A one-line progress bar with rate and ETA on standard error, for library tasks that
/// report through `ProgressReporter`.
///
/// Made only for a terminal (`onStandardError()` returns nil otherwise), so logs and
/// pipes never fill with carriage returns.
public final class TerminalProgressBar: ProgressReporter, @unchecked Sendable {
    private let unit: String
    private var label = ""
    private var total = 0
    private var start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private let lock = NSLock()

    public init(unit: String = "images") {
        self.unit = unit
    }

    /// A bar when standard error is a terminal, else nil.
    public static func onStandardError(unit: String = "images") -> TerminalProgressBar? {
        isatty(STDERR_FILENO) == 1 ? TerminalProgressBar(unit: unit) : nil
    }

    /// Starts the clock and draws the empty bar.
    public func start(total: Int, label: String) {
        lock.lock()
        self.label = label
        self.total = total
        start = ContinuousClock.now
        lastDraw = nil
        lock.unlock()
        update(done: 0)
    }

    /// Redraws the bar for `done` of the total, at most ten times a second.
    public func update(done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(100), done < total { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r" + Self.line(label: label, unit: unit, done: done, total: total,
                                                              elapsed: (now - start).inSeconds) + "\u{1B}[K").utf8))
    }

    /// Ends the bar's line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if lastDraw != nil { FileHandle.standardError.write(Data("\n".utf8)) }
        lastDraw = nil
    }

    /// The text of the bar, e.g. `emoji [#######.......] 512/1870 27% 30.1 images/s ETA 0:45`.
    static func line(label: String, unit: String, done: Int, total: Int, elapsed: Double, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var text = "\(label) [\(bar)] \(done)/\(total) \(Int(fraction * 100))%"
        if done > 0, elapsed > 0 {
            let rate = Double(done) / elapsed
            text += String(format: " %.1f ", rate) + "\(unit)/s"
            text += done < total ? " ETA " + clock(Double(total - done) / rate) : " in " + clock(elapsed)
        }
        return text
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
