import MeshCrypto
import Testing

@testable import MeshMath

@Suite struct EdDSATests {
    typealias Signer = MeshMath.EdDSA

    @Test(arguments: [KeyAlgorithm.ed25519, .ed448]) func signVerifyRoundTrip(curve: KeyAlgorithm) {
        for secretLength in curve == .ed448 ? [56, 57] : [32] {
            let secret = SecureRandom.bytes(secretLength)
            let message = SecureRandom.bytes(100).unprotectedBytes
            let context: [UInt8] = curve == .ed448 ? Array("mesh".utf8) : []
            let publicKey = Signer.publicKey(secret: secret, curve: curve)
            let signature = Signer.sign(message: message, secret: secret, curve: curve, context: context)
            #expect(
                Signer.verify(
                    signature: signature,
                    message: message,
                    publicKey: publicKey,
                    curve: curve,
                    context: context
                )
            )
            // Any changed byte of signature, message or key is refused.
            for index in [0, signature.count / 2 + 1, signature.count - 1] {
                var bad = signature
                bad[index] ^= 0x04
                #expect(
                    !Signer.verify(
                        signature: bad,
                        message: message,
                        publicKey: publicKey,
                        curve: curve,
                        context: context
                    )
                )
            }
            var badMessage = message
            badMessage[7] ^= 1
            #expect(
                !Signer.verify(
                    signature: signature,
                    message: badMessage,
                    publicKey: publicKey,
                    curve: curve,
                    context: context
                )
            )
            var badKey = publicKey
            badKey[3] ^= 1
            #expect(
                !Signer.verify(
                    signature: signature,
                    message: message,
                    publicKey: badKey,
                    curve: curve,
                    context: context
                )
            )
            if curve == .ed448 {
                #expect(
                    !Signer.verify(
                        signature: signature,
                        message: message,
                        publicKey: publicKey,
                        curve: curve,
                        context: []
                    )
                )
            }
        }
    }

    @Test(arguments: [KeyAlgorithm.ed25519, .ed448]) func rawScalarSigning(curve: KeyAlgorithm) {
        // A composite-style scalar reduced mod L, with no seed.
        let length = curve == .ed25519 ? 32 : 57
        let l = curve.parameters.orderInteger
        let value = GMPInteger(littleEndian: SecureRandom.bytes(length + 8).unprotectedBytes).modulo(l)
        let scalar = SecureBytes(value.littleEndianBytes(count: length)!)
        let prefix = Signer.rawScalarPrefix(scalar: scalar, curve: curve)
        #expect(prefix.count == length)
        #expect(prefix != Signer.rawScalarPrefix(scalar: SecureBytes(zeros: length), curve: curve))
        let publicKey = Edwards.encode(Edwards.multiplyBase(by: scalar, curve: curve))
        let message = Array("composite".utf8)
        let signature = Signer.sign(
            message: message,
            scalar: scalar,
            prefix: prefix,
            publicKey: publicKey,
            curve: curve
        )
        #expect(Signer.verify(signature: signature, message: message, publicKey: publicKey, curve: curve))
        // The nonce depends on the secret prefix: another prefix gives another R.
        let other = Signer.sign(
            message: message,
            scalar: scalar,
            prefix: SecureBytes(zeros: length),
            publicKey: publicKey,
            curve: curve
        )
        #expect(other.prefix(length) != signature.prefix(length))
        #expect(Signer.verify(signature: other, message: message, publicKey: publicKey, curve: curve))
    }

    @Test func rejectsNonCanonicalS() {
        let secret = SecureRandom.bytes(32)
        let publicKey = Signer.publicKey(secret: secret, curve: .ed25519)
        let message: [UInt8] = [1, 2, 3]
        var signature = Signer.sign(message: message, secret: secret, curve: .ed25519)
        // S + L is the same scalar mod L but must be refused.
        let s = GMPInteger(littleEndian: Array(signature[32...])) + KeyAlgorithm.ed25519.parameters.orderInteger
        signature.replaceSubrange(32..., with: s.littleEndianBytes(count: 32)!)
        #expect(!Signer.verify(signature: signature, message: message, publicKey: publicKey, curve: .ed25519))
    }
}
