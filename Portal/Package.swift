// swift-tools-version:6.2
import PackageDescription

// The core package is the parent folder; SwiftPM names a path dependency after its folder, which differs between
// checkouts (a clone, a worktree), so the name is read off this file's path.
let corePackage = String(#filePath.split(separator: "/").dropLast(2).last ?? "meshkey").lowercased()

// The Mesh portal: a separate package so that the core's builds and test passes never build the HTTP server or
// the database drivers. It uses the core's libraries (by path) for every Mesh operation.
let package = Package(
    name: "meshkey-portal",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MeshPortal", targets: ["MeshPortal"]),
        .executable(name: "meshkey-portal", targets: ["meshkey-portal"]),
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Messages, the storage protocol and its two backends, the service logic: all testable without HTTP;
        // and the HTTP front (one route) on Hummingbird.
        .target(
            name: "MeshPortal",
            dependencies: [
                .product(name: "MeshCrypto", package: corePackage),
                .product(name: "MeshUDF", package: corePackage),
                .product(name: "MeshMath", package: corePackage),
                .product(name: "MeshKeys", package: corePackage),
                .product(name: "MeshJOSE", package: corePackage),
                .product(name: "MeshJSON", package: corePackage),
                .product(name: "MeshEscrow", package: corePackage),
                .product(name: "MeshDevice", package: corePackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "meshkey-portal",
            dependencies: [
                "MeshPortal",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MeshPortalTests",
            dependencies: [
                "MeshPortal",
                .product(name: "MeshCrypto", package: corePackage),
                .product(name: "MeshKeys", package: corePackage),
                .product(name: "MeshJOSE", package: corePackage),
                .product(name: "MeshJSON", package: corePackage),
                .product(name: "MeshEscrow", package: corePackage),
                .product(name: "MeshUDF", package: corePackage),
                .product(name: "MeshDevice", package: corePackage),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
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
