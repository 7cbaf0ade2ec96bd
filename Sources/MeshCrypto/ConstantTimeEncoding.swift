/// Character arithmetic for text encodings of secret bytes (Base64, base64url, hex, Bech32): every mapping
/// between a digit value and its character is computed with masks, never with a table indexed by the value
/// or a branch on it, so encoding and decoding take the same path and touch the same memory for every
/// secret. Validity while decoding is gathered in a mask and revealed once, at the end (``SecretVerdict``).
/// `make ct` (meshkey-ct `encoding`) checks this under valgrind memcheck.
enum ConstantTimeEncoding {
    /// 0xFF… when `a < b`, else 0 (for 0 ≤ a, b < 2^16).
    @inline(__always) static func lessThan(_ a: UInt32, _ b: UInt32) -> UInt32 {
        0 &- ((a &- b) >> 31)
    }

    /// 0xFF… when `a == b`, else 0 (for 0 ≤ a, b < 2^16).
    @inline(__always) static func equal(_ a: UInt32, _ b: UInt32) -> UInt32 {
        0 &- (((a ^ b) &- 1) >> 31)
    }

    /// 0xFF… when `low ≤ c ≤ high`.
    @inline(__always) static func inRange(_ c: UInt32, _ low: UInt32, _ high: UInt32) -> UInt32 {
        ~lessThan(c, low) & ~lessThan(high, c)
    }

    /// The Base64 character of a 6-bit value: `A–Z a–z 0–9`, then `c62` and `c63` (`+ /` or `- _`).
    @inline(__always) static func base64Character(_ value: UInt32, _ c62: UInt32, _ c63: UInt32) -> UInt8 {
        let v = value & 63
        let upper = lessThan(v, 26) & (v &+ 0x41)
        let lower = ~lessThan(v, 26) & lessThan(v, 52) & (v &+ 0x61 &- 26)
        let digit = ~lessThan(v, 52) & lessThan(v, 62) & (v &+ 0x30 &- 52)
        let special = equal(v, 62) & c62 | equal(v, 63) & c63
        return UInt8(truncatingIfNeeded: upper | lower | digit | special)
    }

    /// The 6-bit value of a Base64 character, and 0xFF… in `valid` when it is one (else 0; value 0).
    @inline(__always) static func base64Value(
        _ character: UInt8,
        _ c62: UInt32,
        _ c63: UInt32
    ) -> (value: UInt32, valid: UInt32) {
        let c = UInt32(character)
        let upper = inRange(c, 0x41, 0x5A)
        let lower = inRange(c, 0x61, 0x7A)
        let digit = inRange(c, 0x30, 0x39)
        let is62 = equal(c, c62)
        let is63 = equal(c, c63)
        let value = upper & (c &- 0x41) | lower & (c &- 0x61 &+ 26) | digit & (c &- 0x30 &+ 52) | is62 & 62 | is63 & 63
        return (value, upper | lower | digit | is62 | is63)
    }

    /// The lower-case hex digit of a 4-bit value. Knowing v < 16, the optimizer turns any mask form of
    /// "v > 9" (unsigned or signed shift of a difference) back into a compare and a branch in the scalar
    /// loop, which memcheck reported (`make ct`, release build). `barrier` (0 from ``rangeBarrier()``, which
    /// the optimizer cannot see into) hides the range. The final 7-bit mask lets memcheck see that the
    /// character is ASCII, so the standard library's ASCII test of the new string is not a test of secret bits.
    @inline(__always) static func hexCharacter(_ value: UInt32, _ barrier: Int) -> UInt8 {
        let v = Int(value & 15) | barrier
        let isLetter = (9 &- v) >> 63  // all ones when v > 9
        return UInt8(truncatingIfNeeded: v &+ 0x30 &+ (isLetter & 39)) & 0x7F
    }

    /// 0, from a function the optimizer neither inlines nor analyses (`@_optimize(none)`), so that a value
    /// ORed with it has no known range.
    @inline(never) @_optimize(none)
    static func rangeBarrier() -> Int { 0 }

    /// The 4-bit value of a hex digit (either case) and its validity mask.
    @inline(__always) static func hexValue(_ character: UInt8) -> (value: UInt32, valid: UInt32) {
        let c = UInt32(character)
        let digit = inRange(c, 0x30, 0x39)
        let lower = inRange(c, 0x61, 0x66)
        let upper = inRange(c, 0x41, 0x46)
        return (digit & (c &- 0x30) | lower & (c &- 0x61 &+ 10) | upper & (c &- 0x41 &+ 10), digit | lower | upper)
    }

    /// BIP 173's character set, `qpzry9x8gf2tvdw0s3jn54khce6mua7l`, as 32 values.
    static let bech32Characters: [UInt32] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8.map { UInt32($0) }

    /// The Bech32 character of a 5-bit value: the whole set is read and the match selected by a mask, so the
    /// address read does not depend on the value.
    @inline(__always) static func bech32Character(_ value: UInt32) -> UInt8 {
        let v = value & 31
        var result: UInt32 = 0
        bech32Characters.withUnsafeBufferPointer { set in
            for index in 0..<32 { result |= set[index] & equal(v, UInt32(index)) }
        }
        return UInt8(truncatingIfNeeded: result)
    }
}
