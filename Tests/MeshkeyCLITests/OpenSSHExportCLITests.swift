import Foundation
import TestSupport
import Testing

/// OpenSSH private keys exported by the store work with OpenSSH itself: `ssh-keygen -y` loads them and
/// `ssh-keygen -Y sign` signs with them (checked by `ssh-keygen -Y verify`). In the release pass of `make test`
/// this runs against the shipped binary, where `store export --format openssh --private` once died with SIGSEGV
/// (Docs/optimizer-rethrows.md).
@Suite struct OpenSSHExportCLITests {
    static let sshKeygen = "/usr/bin/ssh-keygen"

    /// Runs a tool and returns its exit status and standard output (standard error is kept for messages).
    static func tool(_ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String, error: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sshKeygen)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func exportedPrivateKeysLoadAndSignWithSSHKeygen() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.sshKeygen),
            "ssh-keygen is missing: make test installs openssh-client"
        )
        let fixture = try StoreCLITests.Fixture()
        // Several keys: the crash depended only on the code path, but the base64 tail differs with the comment length.
        for index in 0..<4 {
            let udf = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519", "--label", "ssh \(index)"]))
            let publicLine = try fixture.run(["export", udf, "--format", "openssh"])
            #expect(publicLine.exitCode == 0, "\(publicLine.standardError)")

            // To standard output (the form that crashed) and to a file.
            let printed = try fixture.run(["export", udf, "--format", "openssh", "--private"])
            #expect(printed.exitCode == 0, "exit \(printed.exitCode): \(printed.standardError)")
            #expect(printed.standardOutput.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
            #expect(printed.standardOutput.hasSuffix("-----END OPENSSH PRIVATE KEY-----\n"))
            let keyFile = fixture.folder.appendingPathComponent("id_ed25519_\(index)").path
            let written = try fixture.run(["export", udf, "--format", "openssh", "--private", "--out", keyFile])
            #expect(written.exitCode == 0, "\(written.standardError)")
            // Each export draws fresh check integers, so the two texts differ; both must load as the same key.
            let printedFile = fixture.write("printed_\(index)", printed.standardOutput)
            for file in [keyFile, printedFile] {
                let loaded = try Self.tool(["-y", "-f", file])
                #expect(loaded.status == 0, "ssh-keygen -y: \(loaded.error)")
                #expect(loaded.output == publicLine.standardOutput)
            }

            let message = fixture.folder.appendingPathComponent("message-\(index)")
            try Data("signed by meshkey key \(index)\n".utf8).write(to: message)
            let signed = try Self.tool(["-Y", "sign", "-f", keyFile, "-n", "file", message.path])
            #expect(signed.status == 0, "ssh-keygen -Y sign: \(signed.error)")
            let allowed = fixture.folder.appendingPathComponent("allowed-\(index)")
            try Data("meshkey@test \(publicLine.standardOutput)".utf8).write(to: allowed)
            let verified = try Self.tool(
                [
                    "-Y", "verify", "-f", allowed.path, "-I", "meshkey@test", "-n", "file",
                    "-s", message.path + ".sig",
                ],
                input: try Data(contentsOf: message)
            )
            #expect(verified.status == 0, "ssh-keygen -Y verify: \(verified.error) \(verified.output)")
            #expect(verified.output.contains("Good \"file\" signature for meshkey@test"))
        }
    }
}
