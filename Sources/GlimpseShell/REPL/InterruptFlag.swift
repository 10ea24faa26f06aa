#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C in the interactive shell: a flag set by the SIGINT handler and taken by
/// whoever can stop cleanly (the line reader, or the runner between statements).
public enum InterruptFlag {
    /// An atomic, so the handler may set it: lock-free stores are async-signal-safe.
    private static let raised = Atomic<Bool>(false)

    /// Installs the SIGINT handler. Without SA_RESTART a blocked read() fails with
    /// EINTR, so libedit's readline() returns and the shell sees the flag.
    public static func install() {
        _ = raised.load(ordering: .relaxed)   // initialise the global before a signal can need it
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in InterruptFlag.raise() }
        #else
        action.__sigaction_u.__sa_handler = { _ in InterruptFlag.raise() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    static func raise() {
        raised.store(true, ordering: .relaxed)
    }

    /// Whether Ctrl-C was pressed since the last call; clears the flag.
    public static func take() -> Bool {
        raised.exchange(false, ordering: .relaxed)
    }
}
