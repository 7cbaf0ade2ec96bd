import Foundation
import MeshCrypto
import TestSupport
import Testing

@Suite struct PrimitiveTests {
    @Test func digestsMatchKnownAnswers() {
        let abc = Array("abc".utf8)
        #expect(
            Hex.encode(Digest.hash(.sha256, abc)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            Hex.encode(Digest.hash(.sha512, abc)).hasPrefix(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            )
        )
        #expect(
            Hex.encode(Digest.hash(.sha3_512, abc)).hasPrefix(
                "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
            )
        )
        #expect(Digest.hash(.sha512, parts: [Array("a".utf8), Array("bc".utf8)]) == Digest.hash(.sha512, abc))
        // SHAKE256("") (FIPS 202 example), first 32 bytes.
        #expect(
            Hex.encode(Digest.shake256(SecureBytes(), outputCount: 32).unprotectedBytes)
                == "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
        )
    }

    @Test func hkdfMatchesRFC5869CaseOne() throws {
        let okm = try HKDF.deriveKey(
            .sha256,
            inputKeyMaterial: SecureBytes(Array(repeating: 0x0b, count: 22)),
            salt: Hex.decode("000102030405060708090a0b0c")!,
            info: Hex.decode("f0f1f2f3f4f5f6f7f8f9")!,
            outputCount: 42
        )
        #expect(
            Hex.encode(okm.unprotectedBytes)
                == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        )
    }

    @Test func hkdfWithoutSaltEqualsZeroSalt() throws {
        let ikm = SecureBytes(Array(repeating: 7, count: 34))
        let none = try HKDF.deriveKey(.sha512, inputKeyMaterial: ikm, info: [0, 1], outputCount: 56)
        let zeros = try HKDF.deriveKey(
            .sha512,
            inputKeyMaterial: ikm,
            salt: Array(repeating: 0, count: 64),
            info: [0, 1],
            outputCount: 56
        )
        #expect(none == zeros)
    }

    @Test func hmacMatchesRFC4231CaseTwo() {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        let tag = key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in HMAC.authenticate(.sha512, key: k, message: m) }
        }
        #expect(
            Hex.encode(tag.unprotectedBytes).hasPrefix(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            )
        )
    }

    @Test func secureFileReadsWholeFileAndRefusesBadSizes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret")
        try Data([1, 2, 3]).write(to: file)
        #expect(try SecureFile.read(path: file.path, maximumCount: 64).unprotectedBytes == [1, 2, 3])
        #expect(throws: SecureFile.ReadError.self) { try SecureFile.read(path: file.path, maximumCount: 2) }
        try Data().write(to: file)
        #expect(throws: SecureFile.ReadError.self) { try SecureFile.read(path: file.path, maximumCount: 64) }
        #expect(throws: SecureFile.ReadError.self) {
            try SecureFile.read(path: directory.appendingPathComponent("missing").path, maximumCount: 64)
        }
    }

    @Test func secureFileCreatesPrivateFilesAndNeverOverwrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("key.pem").path
        let folderIsPrivate = try SecureFile.create(path: file, contents: SecureBytes(Array("secret".utf8)))
        #expect(folderIsPrivate)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try SecureFile.read(path: file, maximumCount: 64).unprotectedBytes == Array("secret".utf8))
        #expect(throws: SecureFile.WriteError.self) { try SecureFile.create(path: file, contents: SecureBytes([1])) }
        #expect(try SecureFile.read(path: file, maximumCount: 64).unprotectedBytes == Array("secret".utf8))
    }
}

/// The system generator behind `SecureRandom`: outputs differ and bytes are spread evenly (a loose χ² bound
/// that a stuck, repeating or biased generator fails; a uniform one fails it with probability < 10⁻⁶).
@Suite struct SecureRandomTests {
    @Test func outputsDifferAndLookUniform() {
        let first = SecureRandom.bytes(32).unprotectedBytes
        let second = SecureRandom.bytes(32).unprotectedBytes
        #expect(first != second && first != [UInt8](repeating: 0, count: 32))
        let sample = SecureRandom.bytes(1 << 16).unprotectedBytes
        var counts = [Int](repeating: 0, count: 256)
        for byte in sample { counts[Int(byte)] += 1 }
        let expected = Double(sample.count) / 256
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 255 degrees of freedom: mean 255, P(χ² > 380) < 10⁻⁶.
        #expect(chiSquare < 380, "χ² = \(chiSquare)")
        #expect(SecureRandom.bytes(0).isEmpty)
    }
}

/// Secret inputs from files and standard input (items 7 and 9): named errors and the line split
/// the CLI uses.
@Suite struct SecureFileInputTests {
    @Test func refusalsAreNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("securefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big")
        try Data(repeating: 0x41, count: 65).write(to: big)
        let empty = folder.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(throws: SecureFile.ReadError.self) { try SecureFile.read(path: big.path, maximumCount: 64) }
        do {
            _ = try SecureFile.read(path: big.path, maximumCount: 64)
            Issue.record("read too much")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.code.rawValue == "input_too_large")
        }
        do {
            _ = try SecureFile.read(path: empty.path, maximumCount: 64)
            Issue.record("read an empty file")
        } catch {
            #expect(error.code == .empty)
        }
        #expect(try SecureFile.read(path: empty.path, maximumCount: 64, allowEmpty: true).isEmpty)
        do {
            _ = try SecureFile.read(path: folder.appendingPathComponent("nope").path, maximumCount: 64)
            Issue.record("read a missing file")
        } catch {
            #expect(error.code == .cannotOpen)
        }
        #expect(try SecureFile.read(path: big.path, maximumCount: 65).count == 65)
        #expect(SecureFile.inputLimit == 16 * 1024 * 1024)
    }

    @Test func linesSplitAtLineFeedsAndDropCarriageReturns() {
        #expect(SecureFile.lines(SecureBytes(Array("a\nb\r\n\nc".utf8))) == ["a", "b", "", "c"])
        #expect(SecureFile.lines(SecureBytes(Array("a\n".utf8))) == ["a"])
        #expect(SecureFile.lines(SecureBytes()) == [])
        #expect(SecureFile.lines(SecureBytes(Array("\n".utf8))) == [""])
    }
}
