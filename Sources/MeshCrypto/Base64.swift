/// Base64 with padding (RFC 4648 §4), as OpenSSH's key files use it, into strings or secure memory. The
/// encoder is shared with ``Base64URL`` and is constant time in the bytes (``ConstantTimeEncoding``).
public enum Base64 {
    static let c62: UInt32 = 0x2B, c63: UInt32 = 0x2F

    /// Characters in the padded encoding of `count` bytes.
    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = [UInt8](repeating: 0, count: encodedCount(bytes.count))
        bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { encode(input, into: $0, c62: c62, c63: c63, pad: true) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The padded encoding of secret bytes, as ASCII in a secure buffer.
    public static func encode(secure bytes: SecureBytes) -> SecureBytes {
        bytes.withUnsafeBytes { input in
            SecureBytes(count: encodedCount(input.count)) { output in
                encode(input, into: output, c62: c62, c63: c63, pad: true)
            }
        }
    }

    /// Writes the encoding of `input` (with `=` padding when `pad`) into `output`, which has exactly the
    /// encoded length. Branches and addresses depend only on the length.
    static func encode(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        c62: UInt32,
        c63: UInt32,
        pad: Bool
    ) {
        var o = 0
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            output[o] = ConstantTimeEncoding.base64Character(n >> 18, c62, c63)
            output[o + 1] = ConstantTimeEncoding.base64Character(n >> 12, c62, c63)
            output[o + 2] = ConstantTimeEncoding.base64Character(n >> 6, c62, c63)
            output[o + 3] = ConstantTimeEncoding.base64Character(n, c62, c63)
            o += 4
            i += 3
        }
        let rest = input.count - i
        guard rest > 0 else { return }
        var n = UInt32(input[i]) << 16
        if rest == 2 { n |= UInt32(input[i + 1]) << 8 }
        output[o] = ConstantTimeEncoding.base64Character(n >> 18, c62, c63)
        output[o + 1] = ConstantTimeEncoding.base64Character(n >> 12, c62, c63)
        if rest == 2 { output[o + 2] = ConstantTimeEncoding.base64Character(n >> 6, c62, c63) }
        if pad {
            output[o + 3] = 0x3D
            if rest == 1 { output[o + 2] = 0x3D }
        }
    }

    /// Decodes strict padded Base64 (length a multiple of 4, at most two `=` at the end, no whitespace) held
    /// in a secure buffer; nil for anything else. Constant time in the characters, like ``Base64URL``.
    public static func decode(secure text: SecureBytes) -> SecureBytes? {
        text.withUnsafeBytes { input -> SecureBytes? in
            guard input.count % 4 == 0 else { return nil }
            // How many `=` end the text: a property of the length for valid text, found with masks and
            // revealed as such.
            var padding = 0
            if input.count >= 4 {
                let last = ConstantTimeEncoding.equal(UInt32(input[input.count - 1]), 0x3D)
                let both = last & ConstantTimeEncoding.equal(UInt32(input[input.count - 2]), 0x3D)
                padding = (SecretVerdict.reveal(last != 0) ? 1 : 0) + (SecretVerdict.reveal(both != 0) ? 1 : 0)
            }
            let digits = UnsafeRawBufferPointer(rebasing: input[0..<(input.count - padding)])
            guard digits.count % 4 != 1 else { return nil }
            var ok = false
            let output = SecureBytes(count: digits.count / 4 * 3 + [0, 0, 1, 2][digits.count % 4]) {
                ok = decodeUnpadded(digits, into: $0, c62: c62, c63: c63)
            }
            return ok ? output : nil
        }
    }

    /// Decodes every character of unpadded text, gathering the validity of all of them (and of the unused
    /// trailing bits) in one mask, which is revealed at the end. `output` has exactly the decoded length.
    static func decodeUnpadded(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        c62: UInt32,
        c63: UInt32
    ) -> Bool {
        var invalid: UInt32 = 0
        var o = 0
        var i = 0
        while i < input.count {
            let chunk = Swift.min(4, input.count - i)
            var n: UInt32 = 0
            for k in 0..<4 {
                var v: UInt32 = 0
                if k < chunk {
                    let digit = ConstantTimeEncoding.base64Value(input[i + k], c62, c63)
                    invalid |= ~digit.valid
                    v = digit.value
                }
                n = n << 6 | v
            }
            let bytes = chunk - 1
            // Unused trailing bits must be zero.
            if chunk == 2 { invalid |= n & 0xFFFF }
            if chunk == 3 { invalid |= n & 0xFF }
            for k in 0..<bytes { output[o + k] = UInt8(truncatingIfNeeded: n >> UInt32(16 - 8 * k)) }
            o += bytes
            i += chunk
        }
        return SecretVerdict.reveal(invalid == 0)
    }
}
