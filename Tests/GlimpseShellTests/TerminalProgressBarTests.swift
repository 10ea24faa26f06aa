import Testing
@testable import GlimpseShell

@Suite struct TerminalProgressBarTests {
    @Test func showsCountRateAndETA() {
        #expect(TerminalProgressBar.line(label: "emoji", unit: "images", done: 50, total: 200, elapsed: 5, width: 8)
                == "emoji [##......] 50/200 25% 10.0 images/s ETA 0:15")
        #expect(TerminalProgressBar.line(label: "x", unit: "images", done: 0, total: 10, elapsed: 0, width: 4) == "x [....] 0/10 0%")
        #expect(TerminalProgressBar.line(label: "x", unit: "images", done: 10, total: 10, elapsed: 4000, width: 4)
                == "x [####] 10/10 100% 0.0 images/s in 1:06:40")
    }
}
