/// Lower-case hexadecimal (two digits per byte, no separators), strict on input. Constant time in the bytes
/// and digits (``ConstantTimeEncoding``), so private keys may be encoded and decoded with it: no table
/// indexed by a value, no branch on a digit; a bad digit is found only after the whole text is read.
public enum Hex {
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { encode($0) }
    }

    /// The hex of secret bytes.
    public static func encode(_ bytes: SecureBytes) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let barrier = ConstantTimeEncoding.rangeBarrier()
        return String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            for index in 0..<bytes.count {
                let byte = UInt32(bytes[index])
                output[2 * index] = ConstantTimeEncoding.hexCharacter(byte >> 4, barrier)
                output[2 * index + 1] = ConstantTimeEncoding.hexCharacter(byte, barrier)
            }
            return bytes.count * 2
        }
    }

    /// The bytes of a hex string (either case), or nil for an odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: digits.count / 2)
        let ok = digits.withUnsafeBytes { input in bytes.withUnsafeMutableBytes { decode(input, into: $0) } }
        return ok ? bytes : nil
    }

    /// Decodes hex held in a secure buffer into a secure buffer (nil: odd length or a non-hex character).
    public static func decode(secure text: SecureBytes) -> SecureBytes? {
        guard text.count % 2 == 0 else { return nil }
        var ok = false
        let bytes = text.withUnsafeBytes { input in
            SecureBytes(count: input.count / 2) { ok = decode(input, into: $0) }
        }
        return ok ? bytes : nil
    }

    private static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var invalid: UInt32 = 0
        for index in 0..<output.count {
            let high = ConstantTimeEncoding.hexValue(input[2 * index])
            let low = ConstantTimeEncoding.hexValue(input[2 * index + 1])
            invalid |= ~high.valid | ~low.valid
            output[index] = UInt8(truncatingIfNeeded: high.value << 4 | low.value)
        }
        return SecretVerdict.reveal(invalid == 0)
    }
}

extension Hex {
    /// The lower-case hex of secret bytes, written into a secure buffer (no String copy).
    public static func encodeSecure(_ bytes: SecureBytes) -> SecureBytes {
        let barrier = ConstantTimeEncoding.rangeBarrier()
        return bytes.withUnsafeBytes { input in
            SecureBytes(count: input.count * 2) { output in
                for index in 0..<input.count {
                    let byte = UInt32(input[index])
                    output[2 * index] = ConstantTimeEncoding.hexCharacter(byte >> 4, barrier)
                    output[2 * index + 1] = ConstantTimeEncoding.hexCharacter(byte, barrier)
                }
            }
        }
    }
}
