// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "meshkey",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MeshUDF", targets: ["MeshUDF"]),
        .library(name: "MeshMath", targets: ["MeshMath"]),
        .library(name: "MeshCrypto", targets: ["MeshCrypto"]),
        .library(name: "MeshKeys", targets: ["MeshKeys"]),
        .library(name: "MeshJSON", targets: ["MeshJSON"]),
        .library(name: "MeshJOSE", targets: ["MeshJOSE"]),
        .library(name: "MeshEscrow", targets: ["MeshEscrow"]),
        .library(name: "MeshKeyStore", targets: ["MeshKeyStore"]),
        .library(name: "MeshPaper", targets: ["MeshPaper"]),
        .library(name: "MeshVectors", targets: ["MeshVectors"]),
        .library(name: "MeshDevice", targets: ["MeshDevice"]),
        .library(name: "MeshkeyKit", targets: ["MeshkeyKit"]),
        // For the fuzz package in Fuzz/ (not built by CI): what each fuzz target does with its input.
        .library(name: "FuzzHarness", targets: ["FuzzHarness"]),
        .executable(name: "meshkey", targets: ["meshkey"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // Thin C wrappers: the only places that see C types.
        .systemLibrary(name: "CGMP", providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // Paper sheets: only MeshPaper imports these.
        // Paper libraries: headers only; MeshPaper loads the shared libraries on first use (dlopen), so that
        // no other command pays for mapping cairo and its dependencies at start-up.
        .systemLibrary(name: "CCairo", providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]),
        // All sheet text: layout, font fallback, shaping and bidi (HarfBuzz and FriBidi underneath). Its
        // shim declares what it uses (no pkg-config: that would link Pango, GLib and cairo into every command).
        .systemLibrary(name: "CPango", providers: [.apt(["libpangocairo-1.0-0"]), .brew(["pango"])]),
        .systemLibrary(name: "CQREncode", providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
        .systemLibrary(name: "CZBar", providers: [.apt(["libzbar-dev"]), .brew(["zbar"])]),
        // JPEG scans (phones): libjpeg-turbo's decompressor, loaded like the others.
        .systemLibrary(name: "CJPEG", providers: [.apt(["libjpeg62-turbo-dev"]), .brew(["jpeg-turbo"])]),
        // prctl (variadic in C) and setrlimit for ProcessHardening: only MeshCrypto imports it.
        .systemLibrary(name: "CProcess"),

        // Libraries, from primitives up.
        .target(name: "MeshCrypto", dependencies: ["COpenSSL", "CProcess"]),
        .target(name: "MeshMath", dependencies: ["CGMP", "MeshCrypto"]),
        .target(name: "MeshUDF", dependencies: ["MeshCrypto"]),
        .target(name: "MeshKeys", dependencies: ["MeshJOSE", "MeshJSON", "MeshMath", "MeshUDF", "MeshCrypto"]),
        .target(name: "MeshJSON", dependencies: ["MeshCrypto"]),
        .target(name: "MeshJOSE", dependencies: ["MeshJSON", "MeshCrypto"]),
        .target(
            name: "MeshEscrow",
            dependencies: ["MeshJOSE", "MeshJSON", "MeshKeys", "MeshMath", "MeshUDF", "MeshCrypto"]
        ),
        .target(
            name: "MeshKeyStore",
            dependencies: ["MeshJOSE", "MeshJSON", "MeshKeys", "MeshMath", "MeshUDF", "MeshCrypto"]
        ),
        .target(
            name: "MeshPaper",
            dependencies: ["CCairo", "CJPEG", "CPango", "CQREncode", "CZBar", "MeshUDF", "MeshCrypto"]
        ),
        .target(
            name: "MeshVectors",
            dependencies: ["MeshDevice", "MeshEscrow", "MeshJSON", "MeshKeys", "MeshMath", "MeshUDF", "MeshCrypto"]
        ),
        // Device profiles, activations, connections and the signed device catalog.
        .target(
            name: "MeshDevice",
            dependencies: ["MeshJOSE", "MeshJSON", "MeshKeyStore", "MeshKeys", "MeshMath", "MeshUDF", "MeshCrypto"]
        ),

        // The operations a user runs, each one call (the CLI is options, one of these, output).
        .target(
            name: "MeshkeyKit",
            dependencies: [
                "MeshDevice", "MeshEscrow", "MeshJOSE", "MeshJSON", "MeshKeyStore", "MeshKeys", "MeshMath", "MeshPaper",
                "MeshUDF", "MeshCrypto",
            ]
        ),

        // Front ends.
        .executableTarget(
            name: "meshkey",
            dependencies: [
                "MeshkeyKit", "MeshDevice", "MeshEscrow", "MeshJOSE", "MeshJSON", "MeshKeys", "MeshKeyStore",
                "MeshMath", "MeshPaper", "MeshUDF", "MeshVectors", "MeshCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "meshkey-bench",
            dependencies: ["MeshDevice", "MeshEscrow", "MeshKeyStore", "MeshKeys", "MeshMath", "MeshUDF", "MeshCrypto"]
        ),

        // Valgrind's client requests (C macros) as two functions; only meshkey-ct uses them.
        .target(name: "CValgrind"),
        .executableTarget(name: "meshkey-ct", dependencies: ["CValgrind", "MeshMath", "MeshUDF", "MeshCrypto"]),

        // Fuzzing: the fuzz targets' checks, run under libFuzzer by Fuzz/ (`make fuzz`) and replayed on the
        // kept crash inputs by FuzzHarnessTests.
        .target(
            name: "FuzzHarness",
            dependencies: [
                "MeshEscrow", "MeshJOSE", "MeshJSON", "MeshKeyStore", "MeshKeys", "MeshMath", "MeshUDF", "MeshVectors",
                "MeshCrypto",
            ]
        ),

        // Tests: one target per module, plus the CLI run as a process.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MeshCryptoTests", dependencies: ["MeshCrypto", "TestSupport"]),
        .testTarget(name: "MeshMathTests", dependencies: ["MeshMath", "MeshCrypto", "TestSupport"]),
        .testTarget(name: "MeshUDFTests", dependencies: ["MeshUDF", "MeshCrypto", "TestSupport"]),
        .testTarget(
            name: "MeshKeysTests",
            dependencies: ["MeshKeys", "MeshEscrow", "MeshUDF", "MeshMath", "MeshCrypto", "TestSupport"]
        ),
        .testTarget(
            name: "MeshKeyStoreTests",
            dependencies: ["MeshKeyStore", "MeshKeys", "MeshUDF", "MeshMath", "MeshCrypto", "TestSupport"]
        ),
        .testTarget(name: "MeshEscrowTests", dependencies: ["MeshEscrow", "MeshUDF", "MeshMath", "TestSupport"]),
        .testTarget(name: "MeshJSONTests", dependencies: ["MeshJSON", "MeshCrypto", "TestSupport"]),
        .testTarget(
            name: "MeshJOSETests",
            dependencies: ["MeshJOSE", "MeshJSON", "MeshEscrow", "MeshKeys", "MeshMath", "MeshCrypto", "TestSupport"]
        ),
        .testTarget(
            name: "MeshDeviceTests",
            dependencies: [
                "MeshDevice", "MeshJSON", "MeshKeyStore", "MeshKeys", "MeshJOSE", "MeshUDF", "MeshMath", "MeshCrypto",
                "TestSupport",
            ]
        ),
        .testTarget(name: "MeshVectorsTests", dependencies: ["MeshVectors", "MeshJSON", "MeshCrypto", "TestSupport"]),
        .testTarget(name: "MeshPaperTests", dependencies: ["MeshPaper", "MeshCrypto", "TestSupport"]),
        .testTarget(name: "MeshkeyCLITests", dependencies: ["meshkey", "MeshCrypto", "TestSupport"]),
        .testTarget(
            name: "MeshkeyKitTests",
            dependencies: [
                "MeshkeyKit", "MeshEscrow", "MeshKeyStore", "MeshPaper", "MeshUDF", "MeshKeys", "MeshMath",
                "MeshCrypto", "TestSupport",
            ]
        ),
        .testTarget(name: "FuzzHarnessTests", dependencies: ["FuzzHarness", "TestSupport"]),
        .testTarget(
            name: "MeshErrorTests",
            dependencies: [
                "FuzzHarness", "MeshDevice", "MeshEscrow", "MeshJOSE", "MeshKeyStore", "MeshKeys", "MeshMath",
                "MeshPaper", "MeshUDF", "MeshVectors", "MeshCrypto", "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where [.regular, .test, .executable].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
