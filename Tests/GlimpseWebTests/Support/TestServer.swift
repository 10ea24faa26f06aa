import Foundation
import GlimpseTestSupport
import GlimpseCore
import GlimpseLanguage
import GlimpseShell
@testable import GlimpseWeb

/// A `WebServer` listening on a free loopback port in this process, for one test.
final class TestServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static func start(space: Space = WebTestSpace.space, limits: ServerLimits = ServerLimits(),
                      imageEmbedder: (any ImageEmbedding)? = nil) async throws -> TestServer {
        let server = try WebServer(space: space, imageEmbedder: imageEmbedder, thumbnails: nil, limits: limits, glimpseVersion: "test")
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run(host: "127.0.0.1", port: 0, stopOnSignals: false) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw HTTPExchange.Failure(description: "the server stopped before it listened")
        }
        return TestServer(port: port, task: task)
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> HTTPExchange.Response {
        let port = self.port
        return try await offPool { try HTTPExchange.get(target, port: port, headers: headers) }
    }

    func post(_ target: String, body: [UInt8], contentType: String = "application/octet-stream") async throws -> HTTPExchange.Response {
        let port = self.port
        return try await offPool { try HTTPExchange.post(target, port: port, body: body, contentType: contentType) }
    }

    func request(_ method: String, _ target: String) async throws -> HTTPExchange.Response {
        let port = self.port
        return try await offPool { try HTTPExchange.send(method: method, target: target, port: port) }
    }

    /// Blocking socket calls run on a thread of their own: on the concurrency pool they
    /// would hold the threads the server's handlers need, and on Dispatch's pool those
    /// its searches fan out to.
    private func offPool(_ body: @escaping @Sendable () throws -> HTTPExchange.Response) async throws -> HTTPExchange.Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
