// swift-tools-version:6.0
import PackageDescription

// Vector kernels need AVX2/FMA code generation: without it Swift's SIMD types
// lower every lane of a fused multiply-add to a call to fmaf (see docs/DESIGN.md).
let vectorCode: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]

let package = Package(
    name: "Glimpse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "glimpse", targets: ["glimpse"]),
        .library(name: "GlimpseCore", targets: ["GlimpseCore"]),
        .library(name: "GlimpseLanguage", targets: ["GlimpseLanguage"]),
        .library(name: "GlimpseLearning", targets: ["GlimpseLearning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GlimpseCore", swiftSettings: vectorCode),
        .target(name: "GlimpseLanguage", dependencies: ["GlimpseCore"], swiftSettings: vectorCode),
        // OpenBLAS (Debian libopenblas-dev) for sgemm and the ridge solve (sposv).
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "GlimpseLearning", dependencies: ["COpenBLAS"], swiftSettings: vectorCode),
        .executableTarget(name: "glimpse-calibrate", dependencies: ["GlimpseLearning"], path: "Scripts/Calibrate"),
        .target(name: "GlimpseShell", dependencies: ["GlimpseCore", "GlimpseLanguage"]),
        .executableTarget(
            name: "glimpse",
            dependencies: [
                "GlimpseCore", "GlimpseLanguage", "GlimpseShell",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "GlimpseCoreTests", dependencies: ["GlimpseCore"], swiftSettings: vectorCode),
        .testTarget(name: "GlimpseLanguageTests", dependencies: ["GlimpseLanguage", "GlimpseCore"]),
        .testTarget(name: "GlimpseLearningTests", dependencies: ["GlimpseLearning"]),
        .testTarget(name: "GlimpseShellTests", dependencies: ["GlimpseShell", "GlimpseLanguage", "GlimpseCore"]),
    ]
)
