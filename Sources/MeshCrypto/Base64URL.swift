/// Base64url without padding (RFC 4648 §5, RFC 7515 §2), written out here so that secret bytes can be
/// encoded into and decoded from secure buffers. Decoding is strict: no padding, no whitespace, no other
/// characters, and unused trailing bits must be zero (so every value has exactly one encoding).
///
/// Both directions are constant time in the bytes (``ConstantTimeEncoding``): no table indexed by a digit
/// value, no branch on a byte or a character; only the length and, after the whole input is read, the one
/// verdict "valid or not" steer the code.
public enum Base64URL {
    static let c62: UInt32 = 0x2D, c63: UInt32 = 0x5F

    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.withUnsafeBytes { encodeASCII($0) }, as: UTF8.self)
    }

    /// The encoding of secret bytes, as ASCII in a secure buffer.
    public static func encode(_ bytes: SecureBytes) -> SecureBytes {
        bytes.withUnsafeBytes { input in
            SecureBytes(count: encodedCount(input.count)) { output in
                Base64.encode(input, into: output, c62: c62, c63: c63, pad: false)
            }
        }
    }

    static func encodedCount(_ count: Int) -> Int { count / 3 * 4 + [0, 2, 3][count % 3] }

    static func encodeASCII(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: encodedCount(input.count))
        output.withUnsafeMutableBytes { Base64.encode(input, into: $0, c62: c62, c63: c63, pad: false) }
        return output
    }

    /// The bytes of `text`, or nil if it is not strict base64url.
    public static func decode(_ text: String) -> [UInt8]? {
        let ascii = Array(text.utf8)
        return ascii.withUnsafeBytes { input -> [UInt8]? in
            guard let count = decodedCount(input.count) else { return nil }
            var output = [UInt8](repeating: 0, count: count)
            let ok = output.withUnsafeMutableBytes { decode(input, into: $0) }
            return ok ? output : nil
        }
    }

    /// Decodes ASCII held in a secure buffer into a secure buffer.
    public static func decode(secure text: SecureBytes) -> SecureBytes? {
        text.withUnsafeBytes { input -> SecureBytes? in
            guard let count = decodedCount(input.count) else { return nil }
            var ok = false
            let output = SecureBytes(count: count) { ok = decode(input, into: $0) }
            return ok ? output : nil
        }
    }

    private static func decodedCount(_ count: Int) -> Int? {
        count % 4 == 1 ? nil : count / 4 * 3 + [0, 0, 1, 2][count % 4]
    }

    private static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        Base64.decodeUnpadded(input, into: output, c62: c62, c63: c63)
    }
}
