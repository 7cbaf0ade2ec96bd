public import MeshCrypto
public import MeshUDF

/// How a recovered secret is written out (`recover --output`).
public enum SecretEncoding: String, CaseIterable, Sendable {
    /// Dashed upper-case Base32, as `recover` has always printed it (a Mesh seed is then its `Z…` UDF).
    case udf
    /// RFC 4648 Base32: upper case, no dashes, `=` padding to a multiple of 8 characters (what
    /// `base32 -d` reads).
    case base32
    /// Lower-case hexadecimal, two digits per byte.
    case hex
    /// The bytes themselves.
    case raw

    /// The secret in this encoding, in a secure buffer. Text encodings end with a line feed when `newline`;
    /// `raw` never gets one.
    public func encode(_ secret: SecureBytes, newline: Bool = false) -> SecureBytes {
        let body: SecureBytes
        switch self {
        case .udf: body = Base32.encodeSecure(secret, dashed: true)
        case .base32: body = Base32.encodeSecure(secret, dashed: false, padded: true)
        case .hex: body = Hex.encodeSecure(secret)
        case .raw: return secret.slice(0..<secret.count)
        }
        guard newline else { return body }
        return body.withUnsafeBytes { text in
            SecureBytes(count: text.count + 1) { output in
                output.copyMemory(from: text)
                output[text.count] = 0x0A
            }
        }
    }

    /// Whether the output is text (everything but `raw`).
    public var isText: Bool { self != .raw }
}
