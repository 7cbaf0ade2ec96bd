import MeshCrypto
import TestSupport
import Testing

@Suite struct ScryptTests {
    // RFC 7914 §12, the first two test vectors (the others cost seconds).
    @Test func rfc7914EmptyPasswordAndSalt() throws {
        let key = try Scrypt.deriveKey(password: SecureBytes(), salt: [], log2N: 4, r: 1, p: 1, outputCount: 64)
        #expect(
            Hex.encode(key.unprotectedBytes) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        )
    }

    @Test func rfc7914PasswordNaCl() throws {
        let key = try Scrypt.deriveKey(
            password: SecureBytes(Array("password".utf8)),
            salt: Array("NaCl".utf8),
            log2N: 10,
            r: 8,
            p: 16,
            outputCount: 64
        )
        #expect(
            Hex.encode(key.unprotectedBytes) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        )
    }

    /// Beyond OpenSSL's default 32 MiB limit: maxmem is raised to what N and r need.
    @Test func largeNeedsMoreThanTheDefaultMemoryLimit() throws {
        let a = try Scrypt.deriveKey(
            password: SecureBytes(Array("pw".utf8)),
            salt: [1, 2, 3],
            log2N: 16,
            r: 8,
            p: 1,
            outputCount: 32
        )
        let b = try Scrypt.deriveKey(
            password: SecureBytes(Array("pw".utf8)),
            salt: [1, 2, 4],
            log2N: 16,
            r: 8,
            p: 1,
            outputCount: 32
        )
        #expect(a.count == 32)
        #expect(a != b)
    }

    @Test func refusesBadParameters() {
        #expect(throws: Scrypt.ParameterError.self) {
            try Scrypt.deriveKey(password: SecureBytes([1]), salt: [1], log2N: 0, r: 8, p: 1, outputCount: 32)
        }
        #expect(throws: Scrypt.ParameterError.self) {
            try Scrypt.deriveKey(password: SecureBytes([1]), salt: [1], log2N: 10, r: 0, p: 1, outputCount: 32)
        }
        #expect(throws: Scrypt.ParameterError.self) {
            try Scrypt.deriveKey(password: SecureBytes([1]), salt: [1], log2N: 10, r: 8, p: 1, outputCount: 0)
        }
    }
}
