import GlimpseWeb
import Testing

@Suite struct ListeningAddressTests {
    @Test(arguments: [
        ("127.0.0.1", 8420, "http://127.0.0.1:8420/", true),
        ("localhost", 0, "http://localhost:51234/", true),
        ("::1", 8420, "http://[::1]:8420/", true),
        ("0.0.0.0", 8420, "http://0.0.0.0:8420/", false),
        ("::", 9000, "http://[::]:9000/", false),
        ("192.168.1.5", 80, "http://192.168.1.5:80/", false),
    ])
    func urlAndExposure(host: String, port: Int, url: String, loopback: Bool) {
        let address = ListeningAddress(host: host, port: port)
        #expect(address.url(boundPort: port == 0 ? 51234 : port) == url)
        #expect(address.isLoopback == loopback)
        #expect((address.exposureWarning == nil) == loopback)
        if let warning = address.exposureWarning { #expect(warning.contains(host)) }
    }
}
