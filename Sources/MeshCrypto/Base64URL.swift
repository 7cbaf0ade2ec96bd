/// Base64url without padding (RFC 4648 §5, RFC 7515 §2), written out here so that secret bytes can be
/// encoded into and decoded from secure buffers. Decoding is strict: no padding, no whitespace, no other
/// characters, and unused trailing bits must be zero (so every value has exactly one encoding).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.withUnsafeBytes { encodeASCII($0) }, as: UTF8.self)
    }

    /// The encoding of secret bytes, as ASCII in a secure buffer.
    public static func encode(_ bytes: SecureBytes) -> SecureBytes {
        bytes.withUnsafeBytes { input in
            SecureBytes(count: encodedCount(input.count)) { output in
                encode(input, into: output)
            }
        }
    }

    static func encodedCount(_ count: Int) -> Int { count / 3 * 4 + [0, 2, 3][count % 3] }

    static func encodeASCII(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: encodedCount(input.count))
        output.withUnsafeMutableBytes { encode(input, into: $0) }
        return output
    }

    private static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        var o = 0
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            for shift in [18, 12, 6, 0] { output[o] = alphabet[Int((n >> UInt32(shift)) & 63)]; o += 1 }
            i += 3
        }
        let rest = input.count - i
        if rest == 1 {
            let n = UInt32(input[i]) << 16
            output[o] = alphabet[Int(n >> 18 & 63)]; output[o + 1] = alphabet[Int(n >> 12 & 63)]
        } else if rest == 2 {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            output[o] = alphabet[Int(n >> 18 & 63)]; output[o + 1] = alphabet[Int(n >> 12 & 63)]
            output[o + 2] = alphabet[Int(n >> 6 & 63)]
        }
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

    private static func value(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x41...0x5A: UInt32(c - 0x41)
        case 0x61...0x7A: UInt32(c - 0x61 + 26)
        case 0x30...0x39: UInt32(c - 0x30 + 52)
        case 0x2D: 62
        case 0x5F: 63
        default: nil
        }
    }

    private static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var o = 0
        var i = 0
        while i < input.count {
            let chunk = Swift.min(4, input.count - i)
            var n: UInt32 = 0
            for k in 0..<4 {
                var v: UInt32 = 0
                if k < chunk {
                    guard let d = value(input[i + k]) else { return false }
                    v = d
                }
                n = n << 6 | v
            }
            let bytes = chunk - 1
            // Unused trailing bits must be zero.
            if chunk == 2 && n & 0xFFFF != 0 { return false }
            if chunk == 3 && n & 0xFF != 0 { return false }
            for k in 0..<bytes { output[o + k] = UInt8(truncatingIfNeeded: n >> UInt32(16 - 8 * k)) }
            o += bytes
            i += chunk
        }
        return true
    }
}
