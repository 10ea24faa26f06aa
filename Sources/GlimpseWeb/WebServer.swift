import Dispatch
import GlimpseCore
import GlimpseLanguage
import GlimpseShell
import Hummingbird
import Logging

/// `glimpse serve`: the query page over one space, where a click on a result makes
/// it the next query.
///
/// Stateless: a page is a function of its address (`/?q=beach+%2B+sunrise`). Each
/// request runs its query with an evaluator of its own over the one shared space,
/// which is immutable, with searches that hold no state; only the photos dropped on
/// the page are kept, in a bounded `UploadStore`.
public struct WebServer: Sendable {
    let site: WebSite

    /// - Parameters:
    ///   - imageEmbedder: The space's image model, for photos dropped on the page; nil
    ///     when the space has none (uploads are then refused with a message).
    ///   - thumbnails: Makes the grid's pictures; it is called from many requests at once.
    public init(space: Space, imageEmbedder: (any ImageEmbedding)?, thumbnails: (any ThumbnailSource & Sendable)?,
                limits: ServerLimits = ServerLimits(), glimpseVersion: String) throws {
        site = WebSite(space: space, imageEmbedder: imageEmbedder, thumbnails: thumbnails, limits: limits,
                       uploads: try UploadStore(capacity: limits.keptUploads), glimpseVersion: glimpseVersion)
    }

    /// Listens on `host`:`port` (0 picks a free port) until the task is cancelled or,
    /// with `stopOnSignals`, until SIGINT or SIGTERM. `onListening` gets the port.
    public func run(host: String, port: Int, stopOnSignals: Bool = true,
                    onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RefusalMiddleware())
        site.addRoutes(to: router)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: Logger(label: "glimpse-serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await app.runService(gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [])
    }

    /// `run` for a synchronous caller (the command line): blocks until SIGINT or SIGTERM
    /// stops the server, and throws what stopped it otherwise (a busy port, say).
    public func runUntilStopped(host: String, port: Int, onListening: @escaping @Sendable (Int) -> Void) throws {
        let stopped = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do {
                try await run(host: host, port: port) { onListening($0) }
            } catch {
                failure.error = error
            }
            stopped.signal()
        }
        stopped.wait()
        if let error = failure.error { throw error }
    }

    /// Carries the error out of the server's task; written before the signal, read after the wait.
    private final class Failure: @unchecked Sendable {
        var error: (any Error)?
    }
}
