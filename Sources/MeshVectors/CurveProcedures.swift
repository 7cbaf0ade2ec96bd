import MeshCrypto
import MeshJSON
import MeshMath

/// Procedures for the RFC 8032 / RFC 7748 vectors and `point_reject` (vectors README §5.14, §5.15, §5.17),
/// run on the GMP curve arithmetic of MeshMath.
enum CurveProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "rfc8032_ed25519": ({ try eddsa($0, curve: .ed25519) }, []),
        "rfc8032_ed448": ({ try eddsa($0, curve: .ed448) }, []),
        "rfc7748_x25519": ({ try x($0, curve: .x25519) }, []),
        "rfc7748_x448": ({ try x($0, curve: .x448) }, []),
        "point_reject": (pointReject, []),
    ]

    /// Derive the public key, sign and compare, then verify the signature.
    static func eddsa(_ check: VectorCheck, curve: KeyAlgorithm) throws {
        let secret = SecureBytes(try check.hex("secret_hex"))
        let message = try check.hex("message_hex")
        let context = check.hasInput("context_hex") ? try check.hex("context_hex") : []
        if curve == .ed25519 && !context.isEmpty { throw VectorFailure("Ed25519 vectors carry no context") }
        let publicKey = MeshMath.EdDSA.publicKey(secret: secret, curve: curve)
        try check.expectHex("public_hex", publicKey)
        let signature = MeshMath.EdDSA.sign(message: message, secret: secret, curve: curve, context: context)
        try check.expectHex("signature_hex", signature)
        guard
            MeshMath.EdDSA.verify(
                signature: signature,
                message: message,
                publicKey: publicKey,
                curve: curve,
                context: context
            )
        else {
            throw VectorFailure("the signature does not verify")
        }
    }

    /// X25519 / X448 as in RFC 7748, iterated (k, u) ← (X(k, u), k) when `iterations` > 1.
    static func x(_ check: VectorCheck, curve: KeyAlgorithm) throws {
        var k = try check.hex("scalar_hex")
        var u = try check.hex("u_hex")
        let iterations = check.hasInput("iterations") ? try check.int("iterations") : 1
        guard (1...1000).contains(iterations) else { throw VectorFailure("iterations must be 1...1000") }
        let length = curve == .x25519 ? 32 : 56
        guard k.count == length, u.count == length else { throw VectorFailure("scalar and u must be \(length) bytes") }
        for _ in 0..<iterations {
            let result = Montgomery.function(curve, scalar: k, u: u)
            u = k
            k = result
        }
        try check.expectHex("result_hex", k)
    }

    /// The encoding must be refused with the expected error class.
    static func pointReject(_ check: VectorCheck) throws {
        guard case .string(let want) = try check.expected("error") else {
            throw VectorFailure("expected \"error\" is not a string")
        }
        let name = try check.string("curve")
        guard let curve = KeyAlgorithm(rawValue: name) else { throw VectorFailure("unknown curve \(name)") }
        let encoding = try check.hex("encoding_hex")
        do {
            if curve.isEdwards {
                _ = try Edwards.decode(encoding, curve: curve)
            } else {
                _ = try Montgomery.decodeExtended(encoding, curve: curve)
            }
        } catch {
            guard error.code.name == want else {
                throw VectorFailure("rejected with \(error.code.name), expected \(want)")
            }
            return
        }
        throw VectorFailure("accepted, expected \(want)")
    }
}
