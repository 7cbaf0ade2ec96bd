// swift-tools-version:6.1
// The libFuzzer executables, one per fuzz target (README.md). A separate package so that the root package,
// and CI, never build them: `make fuzz` builds this package with `--sanitize=fuzzer`. Each executable only
// hands libFuzzer's calls to FuzzHarness (in the root package), where the checks live.
import PackageDescription

let targets = ["udf_base32", "share_parse_recover", "jwe_escrow_entry", "keystore_entry", "curve_point", "vector_file"]

let package = Package(
    name: "meshkey-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "meshkey", path: "..")],
    targets: targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "FuzzHarness", package: "meshkey")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    },
    swiftLanguageModes: [.v6]
)
