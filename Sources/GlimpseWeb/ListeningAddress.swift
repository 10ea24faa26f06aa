/// Where `glimpse serve` listens, and what that means for who can reach it.
public struct ListeningAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Only this machine can connect.
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }

    /// The page's address once the server listens on `boundPort` (the port it chose when `port` is 0);
    /// an IPv6 host in brackets.
    public func url(boundPort: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(boundPort)/"
    }

    /// What to tell the person starting a server that other machines can reach; nil on loopback.
    public var exposureWarning: String? {
        isLoopback ? nil : "listening on \(host): other machines that reach it can run queries and see the space's images"
    }
}
