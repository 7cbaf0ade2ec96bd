// swift-tools-version:6.1
import PackageDescription
let package = Package(name: "repro2", targets: [
  .target(name: "Lib"), .target(name: "Use", dependencies: ["Lib"]),
  .executableTarget(name: "repro", dependencies: ["Use"])], swiftLanguageModes: [.v6])
