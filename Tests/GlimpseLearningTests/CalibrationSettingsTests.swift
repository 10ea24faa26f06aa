import Testing
@testable import GlimpseLearning

/// `glimpse calibrate --protocol` and `--heads`: the words and the order of the rows they ask for.
struct CalibrationSettingsTests {
    @Test func protocolsByName() {
        #expect(CalibrationSettings.protocols(named: "both") == [.halves, .own])
        #expect(CalibrationSettings.protocols(named: "own") == [.own])
        #expect(CalibrationSettings.protocols(named: "halves") == [.halves])
        #expect(CalibrationSettings.protocols(named: "all") == nil)
        #expect(CalibrationSettings.protocols(named: "Own") == nil)
    }

    @Test func headGroupingsByName() {
        #expect(CalibrationSettings.headGroupings(named: "both") == [.joint, .domain])
        #expect(CalibrationSettings.headGroupings(named: "joint") == [.joint])
        #expect(CalibrationSettings.headGroupings(named: "domain") == [.domain])
        #expect(CalibrationSettings.headGroupings(named: "") == nil)
    }
}
