// swift-tools-version:6.0
import PackageDescription
import Foundation

// Vector code (the scan kernels in GlimpseCore/Search, word arithmetic, training) is plain
// Swift SIMD. On x86-64 it needs AVX2/FMA code generation: without it every lane of a fused
// multiply-add becomes a call to fmaf, ten times slower (docs/DESIGN.md). arm64 (Apple
// silicon, Linux aarch64) has fused multiply-add in its base instruction set, so it needs
// no flag, and an x86-64 -march there stops the build. The choice here: the flag only when
// the manifest is built on an x86-64 host, which is what a native build targets (the manifest
// cannot see a cross-compilation's target). Elsewhere there is no flag at all, so the library
// products are plain dependencies there; on x86-64 they still carry this unsafe flag, which
// SwiftPM accepts from a root, path or branch dependency but not from a versioned one.
#if arch(x86_64)
let vectorCode: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]
#else
let vectorCode: [SwiftSetting] = []
#endif

/// libvips' compiler flags (its and glib's header folders): `pkg-config --cflags vips`.
/// Not a `.systemLibrary(pkgConfig: "vips")`: SwiftPM would link what `--libs` names too,
/// and every glimpse process would then load libvips and its hundred libraries at start-up
/// (about 40 ms) even when it never touches an image. Empty when libvips-dev (which brings
/// pkg-config) is missing: `apt-get install libvips-dev`, as Scripts/install-deps.sh does;
/// the shim's header then stops the build with that line.
let vipsHeaderFlags: [String] = {
    let pkgConfig = Process()
    pkgConfig.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    pkgConfig.arguments = ["pkg-config", "--cflags", "vips"]
    let output = Pipe()
    pkgConfig.standardOutput = output
    pkgConfig.standardError = FileHandle.nullDevice
    guard (try? pkgConfig.run()) != nil else { return [] }
    let flags = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pkgConfig.waitUntilExit()
    guard pkgConfig.terminationStatus == 0 else { return [] }
    return flags.split(whereSeparator: \.isWhitespace).map(String.init)
}()

let package = Package(
    name: "Glimpse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "glimpse", targets: ["glimpse"]),
        .library(name: "GlimpseCore", targets: ["GlimpseCore"]),
        .library(name: "GlimpseLanguage", targets: ["GlimpseLanguage"]),
        .library(name: "GlimpseVision", targets: ["GlimpseVision"]),
        .library(name: "GlimpseLearning", targets: ["GlimpseLearning"]),
        .library(name: "GlimpseImagePipeline", targets: ["GlimpseImagePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        // The web page (`glimpse serve`). Only its `Hummingbird` product: HummingbirdTesting
        // pulls AsyncHTTPClient and BoringSSL (minutes of build on every CI run), so the
        // tests talk to a real server over loopback instead.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // `glimpse push` and spaces in Postgres + pgvector (GlimpsePostgres): the server
        // ecosystem's client, on the same NIO the web page already builds.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // OpenBLAS (Debian libopenblas-dev): sgemm for batched search and training, sposv for the ridge solve.
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        // Software prefetch for the scan kernel (a header clang inlines; nothing to link).
        .systemLibrary(name: "CPrefetch"),
        .target(name: "GlimpseCore", dependencies: ["COpenBLAS", "CPrefetch"], exclude: ["SpaceFile/SpaceFileFormat.md"], swiftSettings: vectorCode),
        .target(name: "GlimpseLanguage", dependencies: ["GlimpseCore"], swiftSettings: vectorCode),
        // libvips (Debian libvips-dev) decodes and resizes images; CVipsShim wraps its
        // variadic calls, which Swift cannot make. Building needs libvips' headers; the
        // library itself is loaded with dlopen at the first image operation (see
        // vipsHeaderFlags). ONNX Runtime is loaded with dlopen too, so CONNXRuntime only
        // needs libdl to build.
        .target(name: "CVipsShim", cSettings: [.unsafeFlags(vipsHeaderFlags)], linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CONNXRuntime", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "GlimpseVision", dependencies: ["GlimpseCore", "CVipsShim", "CONNXRuntime"]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "GlimpseShell", dependencies: ["GlimpseCore", "GlimpseLanguage", "CEditLine"]),
        .target(name: "GlimpseLearning", dependencies: ["GlimpseCore", "COpenBLAS"], swiftSettings: vectorCode),
        // Building a space with images, embedding an image file with a space's model, and
        // evaluating a built space: where vision and learning meet. GlimpseLanguage only
        // for the `ImageEmbedding` protocol that `image("file")` calls.
        .target(name: "GlimpseImagePipeline", dependencies: ["GlimpseCore", "GlimpseVision", "GlimpseLearning", "GlimpseLanguage"]),
        // `glimpse serve`: the query page, its routes and limits, over the one engine.
        .target(name: "GlimpseWeb", dependencies: [
            "GlimpseCore", "GlimpseLanguage", "GlimpseShell",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // Spaces past one machine: the Postgres address (URL), the tables a pushed space
        // lives in, `glimpse push`'s streaming load, and the language run against them
        // (GlimpseImagePipeline for `image("file")` with the stored model).
        .target(name: "GlimpsePostgres", dependencies: [
            "GlimpseCore", "GlimpseLanguage", "GlimpseImagePipeline", "GlimpseShell",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .executableTarget(
            name: "glimpse",
            dependencies: [
                "GlimpseCore", "GlimpseLanguage", "GlimpseShell", "GlimpseVision", "GlimpseLearning", "GlimpseImagePipeline", "GlimpseWeb", "GlimpsePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Test helpers: scratch and temporary folders removed when the test process exits,
        // golden files (expected output), the package folder.
        .target(name: "GlimpseTestSupport", dependencies: ["GlimpseCore"], path: "Tests/Support"),
        .testTarget(name: "GlimpseCoreTests", dependencies: ["GlimpseCore", "GlimpseTestSupport"], swiftSettings: vectorCode),
        .testTarget(
            name: "GlimpseLanguageTests",
            dependencies: ["GlimpseLanguage", "GlimpseCore", "GlimpseTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "GlimpseVisionTests", dependencies: ["GlimpseVision", "GlimpseTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GlimpseLearningTests", dependencies: ["GlimpseLearning", "GlimpseTestSupport"]),
        .testTarget(
            name: "GlimpseImagePipelineTests",
            dependencies: ["GlimpseImagePipeline", "GlimpseLearning", "GlimpseVision", "GlimpseCore", "GlimpseTestSupport"]),
        .testTarget(name: "GlimpseShellTests", dependencies: ["GlimpseShell", "GlimpseLanguage", "GlimpseCore", "GlimpseTestSupport"]),
        .testTarget(name: "GlimpseWebTests", dependencies: ["GlimpseWeb", "GlimpseShell", "GlimpseLanguage", "GlimpseCore", "GlimpseTestSupport"]),
        // Needs a real server for most of its tests: GLIMPSE_POSTGRES_URL (Scripts/postgres-server.sh).
        .testTarget(name: "GlimpsePostgresTests", dependencies: [
            "GlimpsePostgres", "GlimpseCore", "GlimpseLanguage", "GlimpseShell", "GlimpseTestSupport",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Runs the built `glimpse` on golden scripts; depends on it so `swift test` builds it first.
        .testTarget(name: "GlimpseScriptTests", dependencies: [
            "glimpse", "GlimpseVision", "GlimpseTestSupport", "GlimpsePostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
    ]
)

// The libFuzzer harness exists only when GLIMPSE_FUZZ is set (Scripts/fuzz.sh sets it):
// it has no `main` and links only with -sanitize=fuzzer, so a plain `swift build` or
// `swift test` must not see it.
if ProcessInfo.processInfo.environment["GLIMPSE_FUZZ"] != nil {
    package.products.append(.executable(name: "GlimpseFuzz", targets: ["GlimpseFuzz"]))
    package.targets.append(.executableTarget(
        name: "GlimpseFuzz", dependencies: ["GlimpseCore", "GlimpseLanguage", "GlimpseShell"]))
}
