import Foundation
import MeshVectors
import TestSupport
import Testing

/// The report behind `meshkey vectors verify`: malformed vectors fail alone, per-file counts, the strict
/// verdict, and the JSON and JUnit forms.
@Suite struct VectorReportTests {
    static let good = #"{"id": "good-1", "kind": "base32", "input": {"bytes_hex": "66"}, "expected": {"string": "MY"}}"#
    static let wrong =
        #"{"id": "wrong-1", "kind": "base32", "input": {"bytes_hex": "66"}, "expected": {"string": "MZ"}}"#
    static let unknown = #"{"id": "later-1", "kind": "no_such_kind", "input": {}, "expected": {}}"#
    static let missingKind = #"{"id": "bad-1", "input": {}, "expected": {}}"#

    static func file(_ vectors: [String]) -> String {
        #"{"suite": "t", "format": 1, "vectors": ["# + vectors.joined(separator: ", ") + "]}"
    }

    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshkey-report-\(UUID().uuidString).json"
        )
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func shippedFilesHaveNoMalformedVector() throws {
        for url in Paths.vectorFiles {
            let file = try VectorFile(path: url.path)
            #expect(file.malformed.isEmpty, "\(url.lastPathComponent): \(file.malformed)")
        }
    }

    @Test func aMalformedVectorFailsAloneAndNamesItself() throws {
        let file = try VectorFile(
            name: "mixed.json",
            contents: Array(Self.file([Self.good, Self.missingKind, Self.good]).utf8)
        )
        #expect(file.vectors.count == 2)
        #expect(
            file.malformed == [MalformedVector(index: 1, id: "bad-1", reason: "missing \"kind\" at the vector itself")]
        )
        var summary = VectorRunner.Summary()
        let outcomes = VectorRunner.run(file)
        summary.add(outcomes)
        #expect(
            summary
                == {
                    var s = VectorRunner.Summary()
                    s.passed = 2
                    s.failed = 1
                    return s
                }()
        )
        let failed = try #require(outcomes.first { $0.id == "bad-1" })
        #expect(failed.status == .failed("malformed vector (vectors[1]): missing \"kind\" at the vector itself"))
    }

    @Test func strictRefusesSkipsAndFilesWhereNothingPassed() throws {
        let onlyUnknown = try Self.write(Self.file([Self.unknown]))
        let mixed = try Self.write(Self.file([Self.good, Self.unknown]))
        let passing = try Self.write(Self.file([Self.good]))
        let empty = try Self.write(Self.file([]))
        #expect(VectorReport(paths: [onlyUnknown]).problems(strict: false).isEmpty)
        #expect(
            VectorReport(paths: [onlyUnknown]).problems(strict: true)
                == ["1 vector skipped (--strict)", "\(onlyUnknown): no vector passed (--strict)"]
        )
        #expect(VectorReport(paths: [mixed]).problems(strict: true) == ["1 vector skipped (--strict)"])
        #expect(VectorReport(paths: [empty]).problems(strict: false).isEmpty)
        #expect(VectorReport(paths: [empty]).problems(strict: true) == ["\(empty): no vector passed (--strict)"])
        #expect(VectorReport(paths: [passing]).problems(strict: true).isEmpty)
    }

    @Test func perFileCountsAndUnreadableFiles() throws {
        let a = try Self.write(Self.file([Self.good, Self.wrong]))
        let b = try Self.write(Self.file([Self.good, Self.good, Self.unknown]))
        let missing = "/nonexistent/meshkey-vectors.json"
        let report = VectorReport(paths: [a, b, missing])
        #expect(
            report.files.map(\.summary.line) == [
                "1 passed, 1 failed, 0 skipped", "2 passed, 0 failed, 1 skipped",
                "0 passed, 0 failed, 0 skipped",
            ]
        )
        #expect(report.files[2].error == "cannot be read")
        #expect(report.summary.line == "3 passed, 1 failed, 1 skipped")
        #expect(report.problems(strict: false) == ["1 vector failed", "1 file could not be run"])
    }

    @Test func jsonFormCarriesCountsFailuresAndVerdict() throws {
        let a = try Self.write(Self.file([Self.good, Self.wrong, Self.unknown]))
        let report = VectorReport(paths: [a])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json(strict: true).utf8)) as? [String: Any]
        )
        #expect(object["passed"] as? Int == 1 && object["failed"] as? Int == 1 && object["skipped"] as? Int == 1)
        #expect(object["ok"] as? Bool == false && object["strict"] as? Bool == true && object["format"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 1 && files[0]["file"] as? String == a)
        let failures = try #require(files[0]["failures"] as? [[String: Any]])
        #expect(
            failures.count == 1 && failures[0]["id"] as? String == "wrong-1"
                && failures[0]["kind"] as? String == "base32"
        )
        #expect((files[0]["skips"] as? [[String: Any]])?.first?["id"] as? String == "later-1")
    }

    @Test func junitFormCountsAndEscapes() throws {
        let a = try Self.write(Self.file([Self.good, Self.wrong, Self.unknown]))
        let plain = VectorReport(paths: [a, "/nonexistent/x<&>.json"]).junitXML(strict: false)
        #expect(
            plain.contains(
                "<testsuites name=\"meshkey vectors\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\">"
            )
        )
        #expect(plain.contains("<testcase classname=\"\(a).base32\" name=\"good-1\"/>"))
        #expect(plain.contains("<skipped message=\"unknown kind &quot;no_such_kind&quot;\"/>"))
        #expect(plain.contains("name=\"/nonexistent/x&lt;&amp;&gt;.json\""))
        let strict = VectorReport(paths: [a]).junitXML(strict: true)
        #expect(strict.contains("failures=\"2\" errors=\"0\" skipped=\"0\""))
        #expect(strict.contains("<failure message=\"skipped under --strict: unknown kind &quot;no_such_kind&quot;\"/>"))
    }
}
