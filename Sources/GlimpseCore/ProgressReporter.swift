/// Where a long library task (encoding a collection, say) reports how far it got.
///
/// Libraries never write to the terminal: they call a reporter they were given, and
/// the edge (the command line) decides whether and how to show it; GlimpseShell's
/// `TerminalProgressBar` draws a bar on a terminal.
public protocol ProgressReporter: AnyObject, Sendable {
    /// A task of `total` units called `label` begins.
    func start(total: Int, label: String)
    /// `done` of the task's units are finished.
    func update(done: Int)
    /// The task ended (finished or failed).
    func finish()
}

extension Duration {
    /// The duration as a number of seconds.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
