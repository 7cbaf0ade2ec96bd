import Foundation
import FuzzHarness
import TestSupport
import Testing

/// The fuzz targets' checks outside libFuzzer: every input `make fuzz` kept (Tests/FuzzRegressions/<target>/)
/// and every seed input must pass them.
@Suite struct FuzzRegressionTests {
    static let regressionsDirectory = Paths.packageRoot.appendingPathComponent("Tests/FuzzRegressions")

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsPass(_ target: FuzzTarget) throws {
        let folder = Self.regressionsDirectory.appendingPathComponent(target.rawValue)
        var isDirectory: ObjCBool = false
        let found =
            FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
        #expect(found, "no folder \(folder.path)")
        guard found else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        for name in names {
            let input = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(throws: Never.self, "\(target.rawValue)/\(name)") { try target.run(input) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedInputsPass(_ target: FuzzTarget) {
        let seeds = target.seeds(vectorsDirectory: Paths.vectorsDirectory.path)
        #expect(seeds.count >= 5, "\(target.rawValue) has \(seeds.count) seeds")
        for (index, seed) in seeds.enumerated() {
            #expect(throws: Never.self, "\(target.rawValue) seed \(index + 1)") { try target.run(seed) }
        }
    }
}
