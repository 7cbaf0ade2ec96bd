public import Foundation

/// Locations the tests need: the package root (from this file's path) and the built products.
public enum Paths {
    /// The package root: this file is Tests/TestSupport/Paths.swift.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The conformance vectors shipped with the package.
    public static let vectorsDirectory = packageRoot.appendingPathComponent("Vectors")

    public static var vectorFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: vectorsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { vectorsDirectory.appendingPathComponent($0) }
    }

    /// The directory holding the built executables: `$MESHKEY_PRODUCTS_DIR` when set (so the release pass of
    /// `make test` runs the CLI tests against the very `meshkey` that `make demo` ships, built without
    /// `-enable-testing`), else the directory next to the test bundle.
    public static var productsDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["MESHKEY_PRODUCTS_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("meshkey").path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }
}
