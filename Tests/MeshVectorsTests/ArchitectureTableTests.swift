import Foundation
import TestSupport
import Testing

/// Docs/architecture.md's module table names exactly the package's modules (every target but the tests and
/// TestSupport) as Package.swift declares them, so the table cannot drift from the graph.
@Suite struct ArchitectureTableTests {
    static func tableModules() throws -> Set<String> {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Docs/architecture.md"), encoding: .utf8)
        guard let start = text.range(of: "## Modules\n"), let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var names: Set<String> = []
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst(2).prefix { $0 != "|" }
            for part in firstCell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where part.offset % 2 == 1 {
                names.insert(String(part.element))
            }
        }
        return names
    }

    /// The targets declared in Package.swift (`.target`, `.executableTarget`, `.systemLibrary`), read from its
    /// text: `swift package dump-package` cannot run inside `swift test`, which holds the build folder's lock.
    static func packageModules() throws -> Set<String> {
        let manifest = try String(contentsOf: Paths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var names: Set<String> = []
        for kind in [".target(", ".executableTarget(", ".systemLibrary("] {
            var rest = Substring(manifest)
            while let found = rest.range(of: kind) {
                rest = rest[found.upperBound...]
                let declaration = rest.prefix { $0 != ")" }
                guard let nameStart = declaration.range(of: "name: \"") else { continue }
                let name = declaration[nameStart.upperBound...].prefix { $0 != "\"" }
                if name != "TestSupport" { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test func moduleTableMatchesThePackageGraph() throws {
        let table = try Self.tableModules()
        let package = try Self.packageModules()
        #expect(package.count >= 20)
        #expect(table.subtracting(package).isEmpty, "in the table but not in Package.swift: \(table.subtracting(package).sorted())")
        #expect(package.subtracting(table).isEmpty, "in Package.swift but not in the table: \(package.subtracting(table).sorted())")
    }
}
