import MeshCrypto
import MeshMath
import Testing

/// The GMP curve code and OpenSSL agree on randomly generated standard keys.
@Suite struct CurveCrossCheckTests {
    @Test(arguments: [(KeyAlgorithm.ed25519, KeyAlgorithm.ed25519), (.ed448, .ed448)])
    func edwardsKeysAndSignaturesAgree(curve: KeyAlgorithm, algorithm: KeyAlgorithm) throws {
        for round in 0..<8 {
            let key = try OpenSSLPrivateKey.generate(algorithm)
            let secret = try key.rawRepresentation()
            // Public keys.
            #expect(MeshMath.EdDSA.publicKey(secret: secret, curve: curve) == key.publicKey.rawRepresentation)
            let message = Array("cross-check \(round)".utf8)
            // Deterministic RFC 8032 signatures are byte-identical, and each side verifies the other's.
            let gmpSignature = MeshMath.EdDSA.sign(message: message, secret: secret, curve: curve)
            let sslSignature = try key.signature(for: message)
            #expect(gmpSignature == sslSignature)
            #expect(key.publicKey.isValidSignature(gmpSignature, for: message))
            #expect(
                MeshMath.EdDSA.verify(
                    signature: sslSignature,
                    message: message,
                    publicKey: key.publicKey.rawRepresentation,
                    curve: curve
                )
            )
            var changed = message
            changed[0] ^= 1
            #expect(!key.publicKey.isValidSignature(gmpSignature, for: changed))
        }
    }

    /// Raw-scalar signing (keys with no RFC 8032 seed) produces signatures OpenSSL's standard verification accepts.
    @Test(arguments: [(KeyAlgorithm.ed25519, KeyAlgorithm.ed25519), (.ed448, .ed448)])
    func rawScalarSignaturesVerifyWithOpenSSL(curve: KeyAlgorithm, algorithm: KeyAlgorithm) throws {
        let scalar = SecureRandom.bytes(curve == .ed25519 ? 32 : 57)
        var reduced = scalar
        reduced.withUnsafeMutableBytes { $0[$0.count - 1] &= 0x0F }  // keep it below the group order's size
        let publicKey = Edwards.encode(Edwards.multiplyBase(by: reduced, curve: curve))
        let prefix = MeshMath.EdDSA.rawScalarPrefix(scalar: reduced, curve: curve)
        let message = Array("composite key".utf8)
        let signature = MeshMath.EdDSA.sign(
            message: message,
            scalar: reduced,
            prefix: prefix,
            publicKey: publicKey,
            curve: curve
        )
        let verifier = try OpenSSLPublicKey(algorithm: algorithm, rawRepresentation: publicKey)
        #expect(verifier.isValidSignature(signature, for: message))
    }

    @Test(arguments: [(KeyAlgorithm.x25519, KeyAlgorithm.x25519), (.x448, .x448)])
    func montgomeryKeysAndSharedSecretsAgree(curve: KeyAlgorithm, algorithm: KeyAlgorithm) throws {
        for _ in 0..<8 {
            let alice = try OpenSSLPrivateKey.generate(algorithm)
            let bob = try OpenSSLPrivateKey.generate(algorithm)
            let aliceScalar = try alice.rawRepresentation().unprotectedBytes
            // Public key: the RFC 7748 function on the base point, and the ladder from the clamped scalar.
            let baseU = Montgomery.encodeU(Montgomery.base(curve))
            #expect(Montgomery.function(curve, scalar: aliceScalar, u: baseU) == alice.publicKey.rawRepresentation)
            // Shared secret.
            let shared = try KeyAgreement.sharedSecret(privateKey: alice, peerPublicKey: bob.publicKey)
            #expect(
                Montgomery.function(curve, scalar: aliceScalar, u: bob.publicKey.rawRepresentation)
                    == shared.unprotectedBytes
            )
        }
    }
}
