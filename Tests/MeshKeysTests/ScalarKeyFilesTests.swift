import Foundation
import MeshCrypto
import MeshKeys
import MeshMath
import Testing

/// The key files of co-generation, recryption and threshold decryption, read and written through the
/// library alone: PEM and JSON keys, shares, all-or-none creation, and coded refusals.
@Suite struct ScalarKeyFilesTests {
    let folder: String

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-keyfiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: folder,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + name
        #expect(
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        )
        return path
    }

    @Test func keysAndSharesRead() throws {
        let key = try OpenSSLPrivateKey.generate(.x25519)
        let pem = try write("key.pem", key.pemRepresentation().unprotectedBytes)
        let fromPEM = try ScalarKeyFiles.readKey(pem)
        #expect(fromPEM.curve == .x25519)
        #expect(fromPEM.publicKey == key.publicKey.rawRepresentation)
        let json = try write("key.json", ScalarKeyFile(scalar: fromPEM.scalar, curve: .x25519).json.unprotectedBytes)
        #expect(try ScalarKeyFiles.readKey(json).publicKeyExtended == fromPEM.publicKeyExtended)
        let shares = try Recryption.split(group: fromPEM)
        let composite = KeyComposite(
            curve: .x25519,
            groupPublic: fromPEM.publicKeyExtended,
            part: shares.member,
            service: "s"
        )
        let member = try write("member.json", composite.json.unprotectedBytes)
        #expect(try ScalarKeyFiles.readShare(member).scalar.bytes == shares.member.bytes)
        #expect(try ScalarKeyFiles.readShare(json).scalar.bytes == fromPEM.scalar.bytes)
    }

    @Test func refusalsAreCoded() throws {
        let garbage = try write("garbage.json", Array("{}".utf8))
        for (code, body) in [
            ("cannot_open", { _ = try ScalarKeyFiles.readKey(folder + "/missing.pem") }),
            ("malformed_key_file", { _ = try ScalarKeyFiles.readKey(garbage) }),
            (
                "invalid_key",
                {
                    _ = try ScalarKeyFiles.readKey(
                        try write("bad.pem", Array("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n".utf8))
                    )
                }
            ),
        ]
            as [(String, () throws -> Void)]
        {
            do {
                try body()
                Issue.record("\(code): accepted")
            } catch let error as ScalarKeyError {
                #expect(error.errorCode == code, "\(error)")
            }
        }
        do { _ = try ScalarKeyFiles.readKey(garbage) } catch {
            #expect(error.reason.hasPrefix(garbage + ": "))
            #expect(error == ScalarKeyError(.malformedKeyFile, "another reason"))
        }
    }

    @Test func filesAreCreatedAllOrNone() throws {
        let existing = try write("taken.json", [1])
        let first = folder + "/first.json"
        #expect(throws: ScalarKeyError(.cannotWrite, "")) {
            try ScalarKeyFiles.createAll(
                [(contents: SecureBytes([1, 2]), path: first), (contents: SecureBytes([3]), path: existing)],
                sharedFolder: { _ in }
            )
        }
        #expect(!FileManager.default.fileExists(atPath: first))
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data([1]))
        var shared: [String] = []
        try ScalarKeyFiles.createAll(
            [(contents: SecureBytes([1, 2]), path: first)],
            sharedFolder: { shared.append($0) }
        )
        #expect(shared.isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: first)[.posixPermissions] as? Int == 0o600)
    }
}
