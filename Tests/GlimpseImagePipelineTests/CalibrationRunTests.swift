import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseTestSupport
import Testing
@testable import GlimpseImagePipeline

/// `glimpse calibrate`'s options given as text, and what a run does after training.
@Suite struct CalibrationRunTests {
    static func run(protocols: String = "both", heads: String = "joint", methods: String = "ridge,mlp", trainViews: String? = nil,
                    memory: String? = nil, views: String? = nil, saveHead: String? = nil,
                    photoWeights: String = "0,0.5,1", files: CalibrationFiles = CalibrationFiles(features: "/f")) throws(OptionError) -> CalibrationRun {
        try CalibrationRun(files: files, settings: CalibrationSettings(), protocols: protocols, heads: heads, methods: methods,
                           trainViews: trainViews, memory: memory, views: views, saveHead: saveHead, photos: nil, photoWeights: photoWeights)
    }

    static func message(_ make: () throws(OptionError) -> CalibrationRun) -> String? {
        do { _ = try make(); return nil } catch { return error.message }
    }

    @Test func theOptionTextsBecomeSettings() throws {
        let run = try Self.run(protocols: "own", heads: "both", methods: "ridge,mlp-ens3", trainViews: "no", memory: "train",
                               views: "-view-flip,crop", photoWeights: "0.25, 1")
        #expect(run.settings.protocols == [.own])
        #expect(run.settings.headGroupings == [.joint, .domain])
        #expect(run.settings.methods == ["ridge", "mlp-ens3"])
        #expect(run.settings.trainViews == false)
        #expect(run.settings.transferFromValidation == false)
        #expect(run.settings.views == ["-view-flip", "crop"])
        #expect(run.photoWeights == [0.25, 1])
        let defaults = try Self.run(memory: "train+validation")
        #expect(defaults.settings.protocols == [.halves, .own])
        #expect(defaults.settings.trainViews == nil && defaults.settings.views == nil)
        #expect(defaults.settings.transferFromValidation == true)
    }

    @Test func eachOptionThatDoesNotReadSaysWhatItTakes() {
        #expect(Self.message { () throws(OptionError) in try Self.run(protocols: "thirds") } == "--protocol takes own, halves or both")
        #expect(Self.message { () throws(OptionError) in try Self.run(heads: "all") } == "--heads takes joint, domain or both")
        #expect(Self.message { () throws(OptionError) in try Self.run(methods: "ridge,svm") } == "unknown method svm")
        // Items are not trimmed: " mlp" is not a method.
        #expect(Self.message { () throws(OptionError) in try Self.run(methods: "ridge, mlp") } == "unknown method  mlp")
        #expect(Self.message { () throws(OptionError) in try Self.run(trainViews: "maybe") } == "--train-views takes yes or no")
        #expect(Self.message { () throws(OptionError) in try Self.run(memory: "all") } == "--memory takes train or train+validation")
        #expect(Self.message { () throws(OptionError) in try Self.run(photoWeights: "0,half") }
            == "--photo-weights takes comma-separated numbers")
        // The first option that does not read is the one reported.
        #expect(Self.message { () throws(OptionError) in try Self.run(heads: "all", trainViews: "maybe") }
            == "--heads takes joint, domain or both")
    }

    @Test func aRunReportsEveryRowAndSavesTheLastHead() throws {
        let cache = try CalibrationFilesTests.cacheRoot()
        let head = try TemporaryFolder("calibration-head").file("head.bin")
        let run = try Self.run(protocols: "own", methods: "ridge", saveHead: head, files: CalibrationFiles(cache: cache))
        var output: [String] = [], log: [String] = []
        try run.run(output: { output.append($0) }, log: { log.append($0) })
        #expect(output.first == Calibration.header)
        #expect(output.count == 2)
        #expect(output[1].hasPrefix("own\tjoint\tridge\t"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: head)))
        #expect(log.last == "wrote \(head) (\(bytes.count) bytes)")
        #expect(throws: Never.self) { try ProjectionHead(decoding: bytes) }
    }
}
