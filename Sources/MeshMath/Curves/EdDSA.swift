public import MeshCrypto

/// PureEdDSA (RFC 8032 §5.1 Ed25519, §5.2 Ed448) on the GMP curve arithmetic, for keys that OpenSSL cannot
/// load: 56-byte Ed448 seeds and raw (composite or share) scalars.
public enum EdDSA {
    /// Label for ``rawScalarPrefix(scalar:curve:)``: the ASCII bytes of `meshkey raw-scalar EdDSA prefix`
    /// (31 bytes, no terminator).
    public static let rawScalarPrefixLabel: [UInt8] = Array("meshkey raw-scalar EdDSA prefix".utf8)

    /// RFC 8032 key expansion of a secret of any length.
    /// Ed25519: SHA-512(secret); scalar = low 32 bytes with bits 0–2 and 255 cleared and bit 254 set;
    /// prefix = high 32 bytes. Ed448: SHAKE256(secret, 114); scalar = low 57 bytes with bits 0–1 cleared,
    /// bit 447 set and the last byte zeroed; prefix = high 57 bytes. The scalar is not reduced mod L.
    public static func expand(secret: SecureBytes, curve: KeyAlgorithm) -> (scalar: SecureBytes, prefix: SecureBytes) {
        precondition(curve.isEdwards, "EdDSA needs an Edwards curve")
        let digest: SecureBytes
        let half: Int
        if curve == .ed25519 {
            digest = secureSHA512(secret)
            half = 32
        } else {
            digest = Digest.shake256(secret, outputCount: 114)
            half = 57
        }
        var scalar = digest.slice(0..<half)
        let prefix = digest.slice(half..<(2 * half))
        scalar.withUnsafeMutableBytes { s in
            if curve == .ed25519 {
                s[0] &= 248
                s[31] &= 127
                s[31] |= 64
            } else {
                s[0] &= 252
                s[56] = 0
                s[55] |= 128
            }
        }
        return (scalar, prefix)
    }

    /// The RFC 8032 public key of a secret (seed) of any length.
    public static func publicKey(secret: SecureBytes, curve: KeyAlgorithm) -> [UInt8] {
        Edwards.encode(Edwards.multiplyBase(by: expand(secret: secret, curve: curve).scalar, curve: curve))
    }

    /// PureEdDSA signature with a secret seed (Ed25519 with a non-empty context is Ed25519ctx).
    public static func sign(
        message: [UInt8],
        secret: SecureBytes,
        curve: KeyAlgorithm,
        context: [UInt8] = []
    ) -> [UInt8] {
        let (scalar, prefix) = expand(secret: secret, curve: curve)
        let publicKey = Edwards.encode(Edwards.multiplyBase(by: scalar, curve: curve))
        return signChecked(
            message: message,
            scalar: scalar,
            prefix: prefix,
            publicKey: publicKey,
            curve: curve,
            context: context
        )
    }

    /// Signature with a raw scalar (little-endian, at most 57 bytes, not reduced) and a secret prefix.
    /// The nonce is r = H(dom ‖ prefix ‖ M) mod L, so it stays secret as long as the prefix does; S =
    /// (r + H(dom ‖ R ‖ A ‖ M)·s) mod L is computed with the fixed-limb layer. `publicKey` must be the
    /// encoding of scalar·B, and is checked: signing one message under two different claimed public keys
    /// with the same scalar and prefix would reuse r and reveal the scalar, so a mismatch traps.
    public static func sign(
        message: [UInt8],
        scalar: SecureBytes,
        prefix: SecureBytes,
        publicKey: [UInt8],
        curve: KeyAlgorithm,
        context: [UInt8] = []
    ) -> [UInt8] {
        precondition(curve.isEdwards, "EdDSA needs an Edwards curve")
        let actual = Edwards.encode(Edwards.multiplyBase(by: scalar, curve: curve))
        precondition(ConstantTime.equal(actual, publicKey), "the public key passed to EdDSA.sign is not scalar·B")
        return signChecked(
            message: message,
            scalar: scalar,
            prefix: prefix,
            publicKey: publicKey,
            curve: curve,
            context: context
        )
    }

    /// The signature, for a public key already known to be scalar·B.
    static func signChecked(
        message: [UInt8],
        scalar: SecureBytes,
        prefix: SecureBytes,
        publicKey: [UInt8],
        curve: KeyAlgorithm,
        context: [UInt8]
    ) -> [UInt8] {
        let params = curve.parameters
        let length = params.edwardsByteCount
        precondition(publicKey.count == length, "public key must be \(length) bytes")
        let order = OrderArithmetic(params: params)
        let dom = domain(curve, context: context)
        var nonceInput = SecureBytes(dom)
        nonceInput.append(prefix)
        message.withUnsafeBytes { nonceInput.append($0) }
        let r = hashReduced(nonceInput, curve: curve)
        let rBytes = OrderArithmetic.secureBytes(r, count: length)
        let bigR = Edwards.encode(Edwards.multiplyBase(by: rBytes, curve: curve))
        let k = hashReduced(SecureBytes(dom + bigR + publicKey + message), curve: curve)
        let s = order.multiplyAdd(r: r.base, k: k.base, s: scalar)
        return bigR + OrderArithmetic.bytes(s, count: length)
    }

    /// A secret prefix for a key that has no seed (composite or share scalars):
    /// Ed25519: SHA-512(label ‖ scalar as 32 bytes little-endian)[0..<32];
    /// Ed448: SHAKE256(label ‖ scalar as 57 bytes little-endian, 57),
    /// where label is the 31 ASCII bytes `meshkey raw-scalar EdDSA prefix` (``rawScalarPrefixLabel``).
    /// Shorter scalars are zero-padded; longer ones are used as given.
    public static func rawScalarPrefix(scalar: SecureBytes, curve: KeyAlgorithm) -> SecureBytes {
        precondition(curve.isEdwards, "EdDSA needs an Edwards curve")
        let length = curve.parameters.edwardsByteCount
        var input = SecureBytes(rawScalarPrefixLabel)
        input.append(scalar)
        if scalar.count < length { input.append(SecureBytes(zeros: length - scalar.count)) }
        if curve == .ed25519 { return secureSHA512(input).slice(0..<32) }
        return Digest.shake256(input, outputCount: 57)
    }

    /// RFC 8032 verification, cofactorless ([S]B = R + [k]A), with S < L required and A and R decoded
    /// strictly (canonical, on the curve, not of small order).
    public static func verify(
        signature: [UInt8],
        message: [UInt8],
        publicKey: [UInt8],
        curve: KeyAlgorithm,
        context: [UInt8] = []
    ) -> Bool {
        guard curve.isEdwards else { return false }
        let params = curve.parameters
        let length = params.edwardsByteCount
        guard signature.count == 2 * length, publicKey.count == length else { return false }
        let rEncoding = Array(signature[0..<length])
        let sEncoding = Array(signature[length...])
        guard GMPInteger(littleEndian: sEncoding) < params.orderInteger else { return false }
        guard let a = try? Edwards.decode(publicKey, curve: curve),
            let r = try? Edwards.decode(rEncoding, curve: curve)
        else { return false }
        let dom = domain(curve, context: context)
        let k = hashReduced(SecureBytes(dom + rEncoding + publicKey + message), curve: curve)
        let kBytes = OrderArithmetic.secureBytes(k, count: length)
        let left = Edwards.multiplyBase(by: SecureBytes(sEncoding), curve: curve)
        let right = Edwards.add(r, Edwards.multiply(a, by: kBytes))
        return left == right
    }

    // MARK: Helpers

    /// dom2 / dom4 (RFC 8032 §2): empty for Ed25519 without context.
    static func domain(_ curve: KeyAlgorithm, context: [UInt8]) -> [UInt8] {
        precondition(context.count <= 255, "context longer than 255 bytes")
        if curve == .ed25519 {
            if context.isEmpty { return [] }
            return Array("SigEd25519 no Ed25519 collisions".utf8) + [0, UInt8(context.count)] + context
        }
        return Array("SigEd448".utf8) + [0, UInt8(context.count)] + context
    }

    /// H(input) mod L, H = SHA-512 (Ed25519) or SHAKE256(·, 114) (Ed448).
    static func hashReduced(_ input: SecureBytes, curve: KeyAlgorithm) -> SecretLimbs {
        let digest = curve == .ed25519 ? secureSHA512(input) : Digest.shake256(input, outputCount: 114)
        return digest.withUnsafeBytes { OrderArithmetic(params: curve.parameters).reduce(littleEndian: $0) }
    }

    /// SHA-512 of a secret, with the digest moved into a secure buffer and the temporary array wiped.
    static func secureSHA512(_ input: SecureBytes) -> SecureBytes {
        var digest = input.withUnsafeBytes { Digest.hash(.sha512, $0) }
        defer { digest.withUnsafeMutableBytes { SecureMemory.wipe($0.baseAddress!, count: $0.count) } }
        return SecureBytes(digest)
    }
}
