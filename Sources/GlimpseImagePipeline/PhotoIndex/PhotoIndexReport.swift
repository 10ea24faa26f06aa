import Foundation

/// What one `glimpse index` run did: counts, the files it skipped and why, time.
public struct PhotoIndexReport: Sendable {
    /// Images in the space written.
    public var indexed = 0
    /// Images whose file did not change: their vectors were kept, nothing was decoded.
    public var unchanged = 0
    /// Images new to the space, and images whose file changed (size or modification time).
    public var new = 0
    public var changed = 0
    /// Images of the previous space whose file is gone (their numbers are retired).
    public var removed = 0
    /// Of the new and changed images, how many were encoded now and how many came from the
    /// feature cache (an interrupted run's work).
    public var encoded = 0
    public var fromCache = 0
    /// Files left out, with the reason: not an image, not a regular file, too large, ...
    public var skipped: [PhotoFolderWalk.Skipped] = []
    /// Regular files whose name does not end in an image extension; not looked at.
    public var otherFiles = 0
    /// Wall-clock seconds of the whole run and of encoding alone.
    public var seconds: Double = 0
    public var encodingSeconds: Double = 0

    public init() {}

    /// The summary printed at the end: one line of counts, one line per skipped file.
    public func render() -> String {
        var text = "\(indexed) images: \(unchanged) unchanged, \(new) new, \(changed) changed, \(removed) removed"
        text += ", \(skipped.count) skipped"
        if otherFiles > 0 { text += " (\(otherFiles) other files ignored)" }
        text += "\n"
        for file in skipped { text += "  skipped \(file.path): \(file.reason)\n" }
        var timing = String(format: "%.1f s", seconds)
        if encoded > 0 {
            timing += String(format: "; %d encoded in %.1f s (%.1f images/s)", encoded, encodingSeconds, Double(encoded) / max(encodingSeconds, 1e-9))
        }
        if fromCache > 0 { timing += "; \(fromCache) from the feature cache" }
        return text + timing + "\n"
    }
}
