import MeshCrypto
import Testing

@testable import MeshVectors

/// The exact bytes of the vector report's JSON for a fixed mix of outcomes, and the vector files read as
/// before: a change of JSON implementation must not change them.
@Suite struct GoldenReportTests {
    @Test func reportJSON() throws {
        let good = #"{"id": "good-1", "kind": "base32", "input": {"bytes_hex": "66"}, "expected": {"string": "MY"}}"#
        let wrong = #"{"id": "wrong-1", "kind": "base32", "input": {"bytes_hex": "66"}, "expected": {"string": "MZ"}}"#
        let later = #"{"id": "later-1", "kind": "no_such_kind", "input": {}, "expected": {}}"#
        let broken = #"{"id": "bad-1", "input": {"x": 1}, "expected": {}}"#
        let contents =
            #"{"suite": "t", "format": 1, "vectors": ["# + [good, wrong, later, broken].joined(separator: ", ") + "]}"
        let file = try VectorFile(name: "golden/\"mixed\".json", contents: Array(contents.utf8))
        let report = VectorReport(files: [
            VectorReport.FileResult(name: file.name, outcomes: VectorRunner.run(file), error: nil)
        ])
        let text = report.json(strict: true)
        #expect(
            Hex.encode(Digest.hash(.sha256, Array(text.utf8)))
                == "dcda3bb2854a81d6d9b6f4111e0443710e44cdba3958940e1ebee751927a97dc",
            "\(text)"
        )
        #expect(text.hasPrefix("{\n  \"failed\": 2,\n  \"files\": [\n"), "\(text)")
    }

    /// Format errors of vector files, as the runner names them.
    @Test(arguments: [
        (#"[1]"#, "not a JSON object: wrong type at top level"),
        (#"{"format": 2}"#, "unsupported format (2); this runner reads format 1"),
        (#"{"format": "1"}"#, #"unsupported format ("1"); this runner reads format 1"#),
        (#"{"format": 1}"#, #"malformed vector file: missing "suite" at top level"#),
        (
            #"{"format": 1, "suite": "s", "vectors": [{"id": 3, "kind": "k", "input": {}, "expected": {}}, 5]}"#,
            #"[] [MeshVectors.MalformedVector(index: 0, id: nil, reason: "wrong type at id"), MeshVectors.MalformedVector(index: 1, id: nil, reason: "wrong type at the vector itself")]"#
        ),
        (
            #"{"format": 1, "suite": "s", "vectors": [{"kind": "k", "input": [], "expected": {}}]} x"#,
            "not a JSON object: invalid JSON"
        ),
    ])
    func fileErrors(contents: String, expected: String) {
        do {
            let file = try VectorFile(name: "f.json", contents: Array(contents.utf8))
            #expect("\(file.vectors.map(\.id)) \(file.malformed)" == expected)
        } catch {
            #expect(error.reason == expected)
        }
    }
}
