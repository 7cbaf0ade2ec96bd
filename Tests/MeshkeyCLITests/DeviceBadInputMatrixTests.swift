import Foundation
import TestSupport
import Testing

/// The bad-input matrix for `meshkey device …`, with the same checks as
/// ``BadInputMatrixTests/everyCommandRefusesBadInputAndChangesNothing()``: exit code, the named error on one
/// line, nothing on standard output, and no file under the fixtures' folders changed or created.
extension BadInputMatrixTests {
    @Test func deviceCommandsRefuseBadInputAndChangeNothing() throws {
        let story = try DeviceCLITests.Story()
        let b = story.b
        let c = try Fixture()
        let d = try Fixture()
        let e = try Fixture()
        let path = { (name: String) in b.folder.appendingPathComponent(name).path }
        let request = path("request.json")
        _ = try DeviceCLITests.ok(c, ["device", "request", "--out", request])
        let answer = path("answer.json")
        _ = try DeviceCLITests.ok(b, ["device", "enroll", "--name", "phone", "--request", request, "--out", answer])
        let dRequest = path("request-d.json")
        _ = try DeviceCLITests.ok(d, ["device", "request", "--out", dRequest])
        let existing = b.write("existing.out", "keep me\n")
        let garbage = b.write("garbage.json", "{\"not\": \"a record\"")
        // A request whose payload was changed under its signature.
        let requestText = try String(contentsOfFile: request, encoding: .utf8)
        let payloadStart = try #require(requestText.range(of: "\"payload\" : \"")).upperBound
        var characters = Array(requestText)
        let at = requestText.distance(from: requestText.startIndex, to: payloadStart) + 40
        characters[at] = characters[at] == "A" ? "B" : "A"
        let tamperedRequest = b.write("request-tampered.json", String(characters))
        // A JWE to B's laptop, which C cannot open.
        let forLaptop = b.write(
            "for-laptop.json",
            try DeviceCLITests.ok(b, ["device", "encrypt", "--to", "laptop"], input: "x").joined(separator: "\n")
        )
        let otherProfile = StoreCLITests.referenceProfile
        // F: an accepted device of the same account, which cannot open the laptop's JWE.
        let f = try Fixture()
        let fRequest = path("request-f.json")
        let fAnswer = path("answer-f.json")
        _ = try DeviceCLITests.ok(f, ["device", "request", "--out", fRequest])
        _ = try DeviceCLITests.ok(b, ["device", "enroll", "--name", "tablet", "--request", fRequest, "--out", fAnswer])
        _ = try DeviceCLITests.ok(f, ["device", "accept", fAnswer, "--expect", story.profile])
        let sf = DeviceCLITests.options(f)

        let sb = DeviceCLITests.options(b)
        let sc = DeviceCLITests.options(c)
        let sd = DeviceCLITests.options(d)
        let se = DeviceCLITests.options(e)
        let cases: [Case] = [
            Case(
                label: "device enroll without account seed or grant",
                arguments: ["device", "enroll", "--name", "x"] + se,
                message: "no_account"
            ),
            Case(
                label: "device enroll own device twice",
                arguments: ["device", "enroll", "--name", "again"] + sb,
                message: "already_enrolled"
            ),
            Case(
                label: "device enroll --request without --out",
                arguments: ["device", "enroll", "--name", "y", "--request", dRequest] + sb,
                message: "missing_out"
            ),
            Case(
                label: "device enroll --out existing",
                arguments: ["device", "enroll", "--name", "y", "--request", dRequest, "--out", existing] + sb,
                message: "output_exists"
            ),
            Case(
                label: "device enroll malformed request",
                arguments: ["device", "enroll", "--name", "y", "--request", garbage, "--out", path("a2.json")] + sb,
                message: "device_profile_malformed"
            ),
            Case(
                label: "device enroll tampered request",
                arguments: ["device", "enroll", "--name", "y", "--request", tamperedRequest, "--out", path("a2.json")]
                    + sb,
                message: "device_profile_"
            ),
            Case(
                label: "device enroll bad name",
                arguments: ["device", "enroll", "--name", "a b", "--request", dRequest, "--out", path("a2.json")] + sb,
                message: "invalid_name"
            ),
            Case(
                label: "device enroll own device with a bad name",
                arguments: ["device", "enroll", "--name", ""] + DeviceCLITests.options(story.a),
                message: "invalid_name"
            ),
            Case(
                label: "device enroll own device with a long name",
                arguments: ["device", "enroll", "--name", String(repeating: "n", count: 65)]
                    + DeviceCLITests.options(story.a),
                message: "invalid_name"
            ),
            Case(
                label: "device enroll name taken",
                arguments: ["device", "enroll", "--name", "laptop", "--request", dRequest, "--out", path("a2.json")]
                    + sb,
                message: "name_taken"
            ),
            Case(
                label: "device enroll by a non-administrator",
                arguments: [
                    "device", "enroll", "--name", "y", "--request", dRequest, "--out", path("a2.json"),
                    "--profile", story.profile,
                ] + sd,
                message: "not_found"
            ),
            Case(
                label: "device accept wrong account",
                arguments: ["device", "accept", answer, "--expect", otherProfile] + sc,
                message: "profile_mismatch"
            ),
            Case(
                label: "device accept on another device",
                arguments: ["device", "accept", answer, "--expect", story.profile] + sd,
                message: "device_profile_mismatch"
            ),
            Case(
                label: "device accept without a device",
                arguments: ["device", "accept", answer, "--expect", story.profile] + se,
                message: "no_device"
            ),
            Case(
                label: "device accept malformed answer",
                arguments: ["device", "accept", garbage, "--expect", story.profile] + sc,
                message: "answer_malformed"
            ),
            Case(
                label: "device verify unknown profile",
                arguments: ["device", "verify", "--expect", otherProfile] + sb,
                message: "not_found"
            ),
            Case(
                label: "device verify unknown device",
                arguments: ["device", "verify", "--expect", story.profile, "toaster"] + sb,
                message: "not_in_catalog"
            ),
            Case(
                label: "device verify before accept",
                arguments: ["device", "verify", "--expect", story.profile] + sc,
                message: "not_found"
            ),
            Case(
                label: "device revoke unknown device",
                arguments: ["device", "revoke", "toaster"] + sb,
                message: "not_in_catalog"
            ),
            Case(
                label: "device revoke without administrator",
                arguments: ["device", "revoke", "laptop"] + se,
                message: "no_account"
            ),
            Case(label: "device list without account", arguments: ["device", "list"] + se, message: "no_account"),
            Case(
                label: "device sign without device",
                arguments: ["device", "sign", "--in", existing] + se,
                message: "no_device"
            ),
            Case(
                label: "device sign not activated",
                arguments: ["device", "sign", "--in", existing, "--profile", story.profile] + sd,
                message: "not_found"
            ),
            Case(
                label: "device decrypt malformed",
                arguments: ["device", "decrypt", "--in", garbage] + sb,
                message: "jwe_malformed"
            ),
            Case(
                label: "device decrypt missing file",
                arguments: ["device", "decrypt", "--in", path("nope.json")] + sb,
                message: "unreadable_input"
            ),
            Case(
                label: "device decrypt for another device",
                arguments: ["device", "decrypt", "--in", forLaptop, "--profile", story.profile] + sc,
                message: "not_found"
            ),
            Case(
                label: "device decrypt JWE to another device",
                arguments: ["device", "decrypt", "--in", forLaptop] + sf,
                message: "not_encrypted_to_key"
            ),
            Case(
                label: "device revoke by a plain device",
                arguments: ["device", "revoke", "laptop"] + sf,
                message: "not_administrator"
            ),
            Case(
                label: "device enroll by a plain device",
                arguments: ["device", "enroll", "--name", "z", "--request", dRequest, "--out", path("a3.json")] + sf,
                message: "not_administrator"
            ),
            Case(
                label: "device request --out existing",
                arguments: ["device", "request", "--out", existing] + sd,
                message: "output_exists"
            ),
            Case(
                label: "device verify without --expect",
                arguments: ["device", "verify"] + sb,
                exitCode: 64,
                message: "--expect"
            ),
        ]

        let folders = [story.a.folder, b.folder, c.folder, d.folder, e.folder, f.folder]
        let before = Self.snapshot(folders)
        for item in cases {
            let result = try Self.run(item.arguments, input: item.input, diskFull: false)
            let context =
                "\(item.label): exit \(result.exitCode), stdout \(result.standardOutput.prefix(300)), stderr \(result.standardError.prefix(600))"
            #expect(result.exitCode == item.exitCode, "\(context)")
            #expect(result.standardError.contains(item.message), "\(context)")
            #expect(result.standardOutput.isEmpty, "\(context)")
            if item.exitCode == 1 { #expect(result.standardError.split(separator: "\n").count == 1, "\(context)") }
            let after = Self.snapshot(folders)
            if after != before {
                let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
                Issue.record("\(item.label) changed files: \(changed)")
            }
        }
    }
}
