public import MeshCrypto

/// RFC 4648 Base32 as the Mesh presents it: alphabet `A–Z 2–7`, no padding, a dash after every four
/// characters, upper case.
///
/// Decoding is strict: upper and lower case letters and the separators dash, space, TAB, CR and LF are
/// accepted; any other character is refused with its position (the reference implementation skips such
/// characters, which turns a typo into a wrong value). Bits left over after the last whole byte are
/// dropped unchecked.
///
/// Conversions between characters and 5-bit values are arithmetic, not table look-ups, so secret strings
/// are encoded and decoded without secret-dependent memory indexes.
public enum Base32 {
    /// Characters in the full presentation of `byteCount` bytes: ⌈8n/5⌉.
    public static func characterCount(byteCount: Int) -> Int { (8 * byteCount + 4) / 5 }

    /// The full presentation of `bytes`, dashed every four characters unless `dashed` is false.
    public static func encode(_ bytes: UnsafeRawBufferPointer, dashed: Bool = true) -> String {
        encode(bytes, characters: characterCount(byteCount: bytes.count), dashed: dashed)
    }

    public static func encode(_ bytes: [UInt8], dashed: Bool = true) -> String {
        bytes.withUnsafeBytes { encode($0, dashed: dashed) }
    }

    public static func encode(_ bytes: SecureBytes, dashed: Bool = true) -> String {
        bytes.withUnsafeBytes { encode($0, dashed: dashed) }
    }

    /// The first `characters` characters of the presentation of `bytes` (at most the full length). Where
    /// the value ends inside a character, that character is filled with zero bits.
    public static func encode(_ bytes: UnsafeRawBufferPointer, characters: Int, dashed: Bool = true) -> String {
        let count = Swift.min(characters, characterCount(byteCount: bytes.count))
        let dashes = dashed && count > 0 ? (count - 1) / 4 : 0
        return String(unsafeUninitializedCapacity: count + dashes) { output in
            write(bytes, characters: count, dashed: dashed, into: UnsafeMutableRawBufferPointer(output))
        }
    }

    /// Writes the first `characters` characters of the presentation of `bytes` (dashed every four when
    /// `dashed`) at the start of `output`, which has room for them; returns how many bytes it wrote. No
    /// branch or index depends on the bytes.
    @inline(__always)
    static func write(
        _ bytes: UnsafeRawBufferPointer,
        characters: Int,
        dashed: Bool,
        into output: UnsafeMutableRawBufferPointer
    ) -> Int {
        var written = 0
        var buffer: UInt64 = 0
        var bits = 0
        var byteIndex = 0
        for index in 0..<characters {
            if bits < 5 {
                let next: UInt8 = byteIndex < bytes.count ? bytes[byteIndex] : 0
                byteIndex += 1
                buffer = (buffer << 8) | UInt64(next)
                bits += 8
            }
            let value = UInt8(truncatingIfNeeded: buffer >> UInt64(bits - 5)) & 31
            bits -= 5
            if dashed && index > 0 && index % 4 == 0 {
                output[written] = 0x2D
                written += 1
            }
            output[written] = character(for: value)
            written += 1
        }
        buffer = 0
        return written
    }

    /// Decodes a presentation into bytes.
    public static func decode(_ text: String) throws(UDFError) -> [UInt8] {
        try decodeSecret(text).unprotectedBytes
    }

    /// Decodes into a secure buffer (for shares, seeds and keys).
    public static func decodeSecret(_ text: String) throws(UDFError) -> SecureBytes {
        try decodeCounting(text).bytes
    }

    /// Decodes and also returns the number of Base32 characters read (separators excluded), which the
    /// strict length checks of the share and seed parsers need.
    public static func decodeCounting(_ text: String) throws(UDFError) -> (bytes: SecureBytes, characters: Int) {
        var text = text
        text.makeContiguousUTF8()
        var failure: UDFError?
        let result = text.utf8.withContiguousStorageIfAvailable { utf8 -> (SecureBytes, Int)? in
            // Pass 1: validate and count, without keeping any value.
            var characters = 0
            for byte in utf8 {
                if isSeparator(byte) { continue }
                guard byte < 0x80, value(of: byte).valid else {
                    failure = invalidCharacter(in: text)
                    return nil
                }
                characters += 1
            }
            let byteCount = characters * 5 / 8
            // Pass 2: accumulate into the secure buffer.
            let bytes = SecureBytes(count: byteCount) { output in
                var buffer: UInt64 = 0
                var bits = 0
                var written = 0
                for byte in utf8 where !isSeparator(byte) {
                    buffer = (buffer << 5) | UInt64(value(of: byte).value)
                    bits += 5
                    if bits >= 8 {
                        bits -= 8
                        if written < byteCount {
                            output[written] = UInt8(truncatingIfNeeded: buffer >> UInt64(bits))
                            written += 1
                        }
                    }
                }
                buffer = 0
            }
            return (bytes, characters)
        }
        if let failure { throw failure }
        guard let decoded = result ?? nil else { preconditionFailure("contiguous UTF-8 storage is unavailable") }
        return decoded
    }

    /// The error for the first character of `text` that is neither Base32 nor a separator, with its
    /// position counted in Unicode scalars.
    static func invalidCharacter(in text: String) -> UDFError {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if classify(scalar) == .invalid { return invalidCharacter(scalar, position: position) }
        }
        preconditionFailure("no invalid character found")
    }

    // MARK: Character arithmetic

    /// The character for a 5-bit value: 'A' + v for v < 26, '2' + (v − 26) otherwise; no table look-up.
    /// The result is below 0x80; the final mask says so in a way valgrind's memcheck can follow, so that
    /// the standard library's ASCII test on the finished string does not count as a test of secret bits.
    @inline(__always)
    static func character(for value: UInt8) -> UInt8 {
        let v = Int(value)
        let isDigit = (25 &- v) >> 63  // all ones when v > 25
        return UInt8(truncatingIfNeeded: v + 65 + (isDigit & -41)) & 0x7F
    }

    /// The 5-bit value of an ASCII byte and whether it is a Base32 symbol (either case); no table look-up.
    @inline(__always)
    static func value(of byte: UInt8) -> (value: UInt8, valid: Bool) {
        let c = Int(byte)
        let upper = inRangeMask(c, 65, 90)
        let lower = inRangeMask(c, 97, 122)
        let digit = inRangeMask(c, 50, 55)
        let value = (upper & (c - 65)) | (lower & (c - 97)) | (digit & (c - 24))
        return (UInt8(truncatingIfNeeded: value), (upper | lower | digit) != 0)
    }

    /// All ones when low ≤ c ≤ high, else zero.
    @inline(__always)
    private static func inRangeMask(_ c: Int, _ low: Int, _ high: Int) -> Int {
        ~(((c - low) | (high - c)) >> 63)
    }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    enum CharacterKind { case symbol, separator, invalid }

    static func classify(_ scalar: Unicode.Scalar) -> CharacterKind {
        guard scalar.value < 0x80 else { return .invalid }
        let byte = UInt8(scalar.value)
        if isSeparator(byte) { return .separator }
        return value(of: byte).valid ? .symbol : .invalid
    }

    static func invalidCharacter(_ scalar: Unicode.Scalar, position: Int) -> UDFError {
        let shown: String
        switch scalar {
        case "0": shown = "'0' (digit zero; the letter O is meant?)"
        case "1": shown = "'1' (digit one; the letter I or L is meant?)"
        case "8": shown = "'8' (digit eight; the letter B is meant?)"
        case "9": shown = "'9' (digit nine)"
        case "=": shown = "'=' (padding is not used)"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            shown = "control character U+\(hex(scalar.value))"
        case _ where scalar.value >= 0x80:
            shown = "non-ASCII character U+\(hex(scalar.value))"
        default: shown = "'\(Character(scalar))'"
        }
        return UDFError(
            .invalidCharacter,
            "\(shown) at character \(position) is not Base32 (A-Z, 2-7; dashes and spaces are ignored)",
            position: position
        )
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
