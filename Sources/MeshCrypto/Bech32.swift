/// Bech32 (BIP 173) as age uses it (no length limit): `hrp`, `1`, the data in 5-bit groups, a 6-character
/// checksum. Constant time in the data (``ConstantTimeEncoding``): the characters are selected by masks and
/// the checksum's generator terms are masked in, not branched on.
public enum Bech32 {
    static let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    static func polymod(_ values: [UInt8]) -> UInt32 {
        var chk: UInt32 = 1
        generator.withUnsafeBufferPointer { generator in
            for value in values {
                let top = chk >> 25
                chk = (chk & 0x1ffffff) << 5 ^ UInt32(value)
                for i in 0..<5 { chk ^= generator[i] & (0 &- ((top >> UInt32(i)) & 1)) }
            }
        }
        return chk
    }

    static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// 8-bit bytes to 5-bit groups, zero-padded.
    static func groups(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits) & 31))
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator << UInt32(5 - bits) & 31)) }
        accumulator = 0
        return out
    }

    /// The encoding of secret `data` (lower case, or upper case as age's `AGE-SECRET-KEY-1…`), in a secure
    /// buffer.
    public static func encode(hrp: String, secure data: SecureBytes, uppercase: Bool = false) -> SecureBytes {
        var values = data.withUnsafeBytes { groups($0) }
        defer { wipe(&values) }
        let hrpBytes = Array(hrp.utf8)
        var checksumInput = expand(hrpBytes) + values + [0, 0, 0, 0, 0, 0]
        defer { wipe(&checksumInput) }
        let mod = polymod(checksumInput) ^ 1
        let prefix = (uppercase ? Array(hrp.uppercased().utf8) : hrpBytes) + [0x31]
        // Upper case: every data character that is a letter loses 0x20 (a mask, not a branch).
        let caseBit: UInt32 = uppercase ? 0x20 : 0
        func character(_ value: UInt32) -> UInt8 {
            let c = UInt32(ConstantTimeEncoding.bech32Character(value))
            return UInt8(truncatingIfNeeded: c &- (ConstantTimeEncoding.inRange(c, 0x61, 0x7A) & caseBit))
        }
        return SecureBytes(count: prefix.count + values.count + 6) { out in
            for index in 0..<prefix.count { out[index] = prefix[index] }
            for index in 0..<values.count { out[prefix.count + index] = character(UInt32(values[index])) }
            for index in 0..<6 { out[prefix.count + values.count + index] = character(mod >> UInt32(5 * (5 - index))) }
        }
    }

    public static func encode(hrp: String, data: [UInt8]) -> String {
        String(decoding: encode(hrp: hrp, secure: SecureBytes(data)).unprotectedBytes, as: UTF8.self)
    }

    private static func wipe(_ values: inout [UInt8]) {
        values.withUnsafeMutableBytes { if let base = $0.baseAddress { SecureMemory.wipe(base, count: $0.count) } }
    }
}
