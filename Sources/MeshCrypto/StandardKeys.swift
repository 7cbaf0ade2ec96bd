internal import COpenSSL
import Synchronization

extension KeyAlgorithm {
    /// OpenSSL's key type name, with static storage.
    var openSSLName: UnsafePointer<CChar> {
        switch self {
        case .ed25519: COPENSSL_KEYTYPE_ED25519
        case .ed448: COPENSSL_KEYTYPE_ED448
        case .x25519: COPENSSL_KEYTYPE_X25519
        case .x448: COPENSSL_KEYTYPE_X448
        }
    }

    /// The algorithm of an OpenSSL key, if it is one of ours.
    init?(of key: OpaquePointer) {
        guard let found = KeyAlgorithm.allCases.first(where: { EVP_PKEY_is_a(key, $0.openSSLName) == 1 }) else {
            return nil
        }
        self = found
    }
}

/// Why a key operation was refused. Codes: `invalid_raw_key_length`, `operation_not_supported`,
/// `algorithm_mismatch`, `context_not_supported`, `unsupported_key_type`, `malformed_encoding`,
/// `openssl_failed`. Errors compare by code only.
public enum OpenSSLKeyError: CodedError, Hashable {
    /// A raw key of the wrong length.
    case invalidRawKeyLength(algorithm: KeyAlgorithm, expected: Int, actual: Int)
    /// The key cannot do this (for example signing with an X25519 key).
    case operationNotSupported(algorithm: KeyAlgorithm, operation: String)
    /// The two keys of a key agreement are of different types.
    case algorithmMismatch(KeyAlgorithm, KeyAlgorithm)
    /// An EdDSA context the algorithm or the OpenSSL in use cannot apply (Ed25519 has no context;
    /// Ed448 contexts need OpenSSL 3.2 or later; at most 255 bytes).
    case contextNotSupported(String)
    /// A decoded key is not Ed25519, Ed448, X25519 or X448.
    case unsupportedKeyType
    /// The DER or PEM input is not a key of the expected kind (or has trailing data).
    case malformedEncoding(OpenSSLError)
    /// OpenSSL failed for another reason.
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .invalidRawKeyLength(let algorithm, let expected, let actual):
            "raw \(algorithm.rawValue) key must be \(expected) bytes, not \(actual)"
        case .operationNotSupported(let algorithm, let operation): "\(algorithm.rawValue) keys cannot \(operation)"
        case .algorithmMismatch(let a, let b): "key agreement between \(a.rawValue) and \(b.rawValue) keys"
        case .contextNotSupported(let reason): "EdDSA context not supported: \(reason)"
        case .unsupportedKeyType: "the key is not Ed25519, Ed448, X25519 or X448"
        case .malformedEncoding(let error): "malformed key encoding (\(error.description))"
        case .openSSL(let error): error.description
        }
    }

    public var errorCode: String {
        switch self {
        case .invalidRawKeyLength: "invalid_raw_key_length"
        case .operationNotSupported: "operation_not_supported"
        case .algorithmMismatch: "algorithm_mismatch"
        case .contextNotSupported: "context_not_supported"
        case .unsupportedKeyType: "unsupported_key_type"
        case .malformedEncoding: "malformed_encoding"
        case .openSSL(let error): error.errorCode
        }
    }

    public var reason: String { description }

}

/// Owns one `EVP_PKEY` reference. OpenSSL keys are immutable once built and safe to use from several
/// threads at once (each operation makes its own context), hence `@unchecked Sendable`. OpenSSL
/// cleanses the key material when the last reference goes.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// How often `EVP_PKEY_get_raw_private_key` was called on this key (tests check that it is not).
    let privateKeyReads = Atomic<Int>(0)

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }
}

/// A public key of one of the `KeyAlgorithm` types.
public struct OpenSSLPublicKey: Sendable, Hashable, CustomStringConvertible {
    public let algorithm: KeyAlgorithm
    /// The raw public key (RFC 8032 / RFC 7748 encoding).
    public let rawRepresentation: [UInt8]
    let key: EVPKey

    /// A public key from its raw encoding.
    public init(algorithm: KeyAlgorithm, rawRepresentation: [UInt8]) throws(OpenSSLKeyError) {
        guard rawRepresentation.count == algorithm.publicKeyByteCount else {
            throw .invalidRawKeyLength(
                algorithm: algorithm,
                expected: algorithm.publicKeyByteCount,
                actual: rawRepresentation.count
            )
        }
        guard
            let pointer = EVP_PKEY_new_raw_public_key_ex(
                nil,
                algorithm.openSSLName,
                nil,
                rawRepresentation,
                rawRepresentation.count
            )
        else {
            throw .openSSL(.drain("EVP_PKEY_new_raw_public_key_ex"))
        }
        self.algorithm = algorithm
        self.rawRepresentation = rawRepresentation
        self.key = EVPKey(owning: pointer)
    }

    /// Wraps an OpenSSL key (taking ownership), keeping only its public half.
    init(owning pointer: OpaquePointer) throws(OpenSSLKeyError) {
        let owned = EVPKey(owning: pointer)
        guard let algorithm = KeyAlgorithm(of: pointer) else { throw .unsupportedKeyType }
        try self.init(algorithm: algorithm, rawRepresentation: try Self.rawPublicKey(of: owned.pointer))
    }

    static func rawPublicKey(of pointer: OpaquePointer) throws(OpenSSLKeyError) -> [UInt8] {
        var count = 0
        guard EVP_PKEY_get_raw_public_key(pointer, nil, &count) == 1 else {
            throw .openSSL(.drain("EVP_PKEY_get_raw_public_key"))
        }
        var bytes = [UInt8](repeating: 0, count: count)
        guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &count) == 1 else {
            throw .openSSL(.drain("EVP_PKEY_get_raw_public_key"))
        }
        return Array(bytes.prefix(count))
    }

    public static func == (lhs: OpenSSLPublicKey, rhs: OpenSSLPublicKey) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(algorithm)
        hasher.combine(rawRepresentation)
    }

    public var description: String { "OpenSSLPublicKey(\(algorithm.rawValue))" }
}

/// A private key of one of the `KeyAlgorithm` types. The key material lives inside OpenSSL and, as its raw
/// encoding, in a `SecureBytes` kept beside it: `rawRepresentation()` returns that copy and never asks
/// OpenSSL, because OpenSSL 3.0's `EVP_PKEY_get_raw_private_key` leaves unwiped copies of the key in
/// freed heap (Docs/security.md, "What a process leaves behind"). The getter is called once only for a key decoded from PKCS#8 (PEM or DER), where
/// OpenSSL's decoder is the only holder of the raw key.
public struct OpenSSLPrivateKey: Sendable, CustomStringConvertible {
    public let algorithm: KeyAlgorithm
    /// The matching public key.
    public let publicKey: OpenSSLPublicKey
    let key: EVPKey
    /// The raw private key (seed or scalar).
    let raw: SecureBytes

    /// A fresh random key: random bytes from ``SecureRandom`` (clamped for X25519/X448 as OpenSSL's own
    /// key generation does), so that the raw key never has to be read back out of OpenSSL.
    public static func generate(_ algorithm: KeyAlgorithm) throws(OpenSSLKeyError) -> OpenSSLPrivateKey {
        var raw = SecureRandom.bytes(algorithm.privateKeyByteCount)
        raw.withUnsafeMutableBytes { bytes in
            switch algorithm {
            case .x25519:
                bytes[0] &= 248
                bytes[31] = bytes[31] & 127 | 64
            case .x448:
                bytes[0] &= 252
                bytes[55] |= 128
            case .ed25519, .ed448:
                break
            }
        }
        return try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: raw)
    }

    /// A private key from its raw encoding: the 32- or 57-byte EdDSA seed, or the 32- or 56-byte X25519/X448
    /// scalar.
    public init(algorithm: KeyAlgorithm, rawRepresentation: SecureBytes) throws(OpenSSLKeyError) {
        guard rawRepresentation.count == algorithm.privateKeyByteCount else {
            throw .invalidRawKeyLength(
                algorithm: algorithm,
                expected: algorithm.privateKeyByteCount,
                actual: rawRepresentation.count
            )
        }
        let pointer = rawRepresentation.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_private_key_ex(nil, algorithm.openSSLName, nil, bytes.baseAddress, bytes.count)
        }
        guard let pointer else { throw .openSSL(.drain("EVP_PKEY_new_raw_private_key_ex")) }
        let owned = EVPKey(owning: pointer)
        guard KeyAlgorithm(of: pointer) == algorithm else { throw .unsupportedKeyType }
        self.algorithm = algorithm
        self.publicKey = try OpenSSLPublicKey(
            algorithm: algorithm,
            rawRepresentation: try OpenSSLPublicKey.rawPublicKey(of: pointer)
        )
        self.key = owned
        self.raw = rawRepresentation
    }

    /// Wraps an OpenSSL key holding a private key that OpenSSL decoded (taking ownership): the one place
    /// that reads the raw key out of OpenSSL.
    init(owning pointer: OpaquePointer) throws(OpenSSLKeyError) {
        let owned = EVPKey(owning: pointer)
        guard let algorithm = KeyAlgorithm(of: pointer) else { throw .unsupportedKeyType }
        var failed = false
        owned.privateKeyReads.wrappingAdd(1, ordering: .relaxed)
        let raw = SecureBytes(count: algorithm.privateKeyByteCount) { buffer in
            var written = buffer.count
            failed =
                EVP_PKEY_get_raw_private_key(pointer, buffer.baseAddress, &written) != 1
                || written != buffer.count
        }
        if failed { throw .openSSL(.drain("EVP_PKEY_get_raw_private_key")) }
        self.algorithm = algorithm
        self.publicKey = try OpenSSLPublicKey(
            algorithm: algorithm,
            rawRepresentation: try OpenSSLPublicKey.rawPublicKey(of: pointer)
        )
        self.key = owned
        self.raw = raw
    }

    /// The raw private key (seed or scalar), in secure memory: the copy kept beside the OpenSSL key (OpenSSL
    /// is not asked again).
    public func rawRepresentation() throws(OpenSSLKeyError) -> SecureBytes {
        raw
    }

    /// How many times `EVP_PKEY_get_raw_private_key` was called on this key: 0 for keys made from raw
    /// bytes or generated, 1 for keys decoded from PKCS#8.
    package var privateKeyGetterCalls: Int { key.privateKeyReads.load(ordering: .relaxed) }

    /// Never shows key material.
    public var description: String { "OpenSSLPrivateKey(\(algorithm.rawValue))" }
}
