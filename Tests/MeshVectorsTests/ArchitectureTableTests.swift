import Foundation
import TestSupport
import Testing

/// Docs/architecture.md's module table names exactly the package's modules (every target but the tests and
/// TestSupport) as Package.swift declares them, so the table cannot drift from the graph.
@Suite struct ArchitectureTableTests {
    static func tableModules() throws -> Set<String> {
        let text = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Docs/architecture.md"),
            encoding: .utf8
        )
        guard let start = text.range(of: "## Modules\n"),
            let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)
        else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var names: Set<String> = []
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst(2).prefix { $0 != "|" }
            for part in firstCell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            where part.offset % 2 == 1 {
                names.insert(String(part.element))
            }
        }
        return names
    }

    /// The targets declared in Package.swift (`.target`, `.executableTarget`, `.systemLibrary`), read from its
    /// text: `swift package dump-package` cannot run inside `swift test`, which holds the build folder's lock.
    static func packageModules() throws -> Set<String> {
        let manifest = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Package.swift"),
            encoding: .utf8
        )
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

    /// The `* `X` → `A`, `B`` lines of the Dependencies section: each module's direct dependencies.
    static func documentedDependencies() throws -> [String: Set<String>] {
        let text = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Docs/architecture.md"),
            encoding: .utf8
        )
        guard let start = text.range(of: "## Dependencies\n"),
            let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)
        else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var graph: [String: Set<String>] = [:]
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n")
        where line.hasPrefix("* `") && line.contains("→") {
            let sides = line.split(separator: "→", maxSplits: 1)
            let names = { (part: Substring) in
                part.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
                    .map { String($0.element) }
            }
            guard let module = names(sides[0]).first else { continue }
            graph[module] = Set(names(sides[1])).subtracting(["ArgumentParser"])
        }
        return graph
    }

    /// Each target's direct dependencies on other targets, read from Package.swift's text.
    static func packageDependencies() throws -> [String: Set<String>] {
        let manifest = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Package.swift"),
            encoding: .utf8
        )
        var graph: [String: Set<String>] = [:]
        for kind in [".target(", ".executableTarget("] {
            var rest = Substring(manifest)
            while let found = rest.range(of: kind) {
                rest = rest[found.upperBound...]
                let declaration = rest.prefix { $0 != ")" }
                guard let nameStart = declaration.range(of: "name: \""),
                    let list = declaration.range(of: "dependencies: [")
                else { continue }
                let name = String(declaration[nameStart.upperBound...].prefix { $0 != "\"" })
                let quoted = declaration[list.upperBound...].split(separator: "\"", omittingEmptySubsequences: false)
                    .enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
                graph[name] = Set(quoted).subtracting(["ArgumentParser", "swift-argument-parser"])
            }
        }
        return graph.filter { $0.key != "TestSupport" }
    }

    @Test func dependencyListMatchesThePackageGraph() throws {
        let documented = try Self.documentedDependencies()
        let package = try Self.packageDependencies().filter { !$0.key.hasSuffix("Tests") }
        #expect(documented.count >= 15)
        for (module, dependencies) in package where !dependencies.isEmpty {
            #expect(
                documented[module] == dependencies,
                "\(module): Package.swift \(dependencies.sorted()), architecture.md \(documented[module]?.sorted() ?? [])"
            )
        }
        for module in documented.keys {
            #expect(
                package[module] != nil,
                "architecture.md lists dependencies of \(module), which Package.swift does not declare"
            )
        }
    }

    @Test func moduleTableMatchesThePackageGraph() throws {
        let table = try Self.tableModules()
        let package = try Self.packageModules()
        #expect(package.count >= 20)
        #expect(
            table.subtracting(package).isEmpty,
            "in the table but not in Package.swift: \(table.subtracting(package).sorted())"
        )
        #expect(
            package.subtracting(table).isEmpty,
            "in Package.swift but not in the table: \(package.subtracting(table).sorted())"
        )
    }
}
