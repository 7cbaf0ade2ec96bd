import Foundation
import TestSupport
import Testing

/// `meshkey vectors verify` as a CI system runs it: --strict, --json, --junit, per-file counts.
@Suite struct VectorsVerifyCLITests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshkey-vectors-cli-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func shippedVectorsPassStrictWithJUnitAndJSON() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = Paths.vectorFiles.map(\.path)
        let junit = folder.appendingPathComponent("vectors.xml").path
        let text = try CommandRunner.run(["vectors", "verify", "--strict", "--junit", junit] + files)
        #expect(text.exitCode == 0, "\(text.standardOutput)\(text.standardError)")
        for file in files { #expect(text.standardOutput.contains("\(file): ")) }
        let last = try #require(text.standardOutput.split(separator: "\n").last.map(String.init))
        #expect(last.hasSuffix("0 failed, 0 skipped") && !last.hasPrefix("0 passed"))

        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml") && xml.contains("failures=\"0\" errors=\"0\" skipped=\"0\""))
        #expect(xml.components(separatedBy: "<testsuite ").count - 1 == files.count)

        let json = try CommandRunner.run(["vectors", "verify", "--strict", "--json"] + files)
        #expect(json.exitCode == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["ok"] as? Bool == true && object["failed"] as? Int == 0)
        #expect("\(object["passed"] ?? 0) passed, 0 failed, 0 skipped" == last)
    }

    @Test func strictFailsAFileOfSkippedVectorsAndAMalformedVectorFailsAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let later = folder.appendingPathComponent("later.json")
        try Data(
            #"{"suite": "t", "format": 1, "vectors": [{"id": "l1", "kind": "not_yet", "input": {}, "expected": {}}]}"#
                .utf8
        ).write(to: later)
        let plain = try CommandRunner.run(["vectors", "verify", later.path])
        #expect(plain.exitCode == 0 && plain.standardOutput.hasSuffix("0 passed, 0 failed, 1 skipped\n"))
        let strict = try CommandRunner.run(["vectors", "verify", "--strict", later.path])
        #expect(strict.exitCode == 1)
        #expect(
            strict.standardOutput.contains(
                "strict: 1 vector skipped (--strict); \(later.path): no vector passed (--strict)"
            )
        )

        let mixed = folder.appendingPathComponent("mixed.json")
        try Data(
            #"{"suite": "t", "format": 1, "vectors": [{"id": "m1", "input": {}, "expected": {}}, {"id": "g1", "kind": "base32", "input": {"bytes_hex": "66"}, "expected": {"string": "MY"}}]}"#
                .utf8
        ).write(to: mixed)
        let run = try CommandRunner.run(["vectors", "verify", mixed.path])
        #expect(run.exitCode == 1)
        #expect(
            run.standardOutput.contains("FAIL \(mixed.path) m1 [?]: malformed vector (vectors[0]): missing \"kind\"")
        )
        #expect(run.standardOutput.hasSuffix("1 passed, 1 failed, 0 skipped\n"))
    }

    @Test func anUnwritableJUnitPathIsOneLineAndExitOne() throws {
        let result = try CommandRunner.run(
            ["vectors", "verify", "--junit", "/nonexistent-folder/x.xml"] + Paths.vectorFiles.prefix(1).map(\.path)
        )
        #expect(result.exitCode == 1)
        #expect(
            result.standardError.hasPrefix(
                "meshkey vectors verify: cannot_write: cannot create /nonexistent-folder/x.xml.tmp-"
            )
        )
        #expect(result.standardOutput.isEmpty)
    }
}
