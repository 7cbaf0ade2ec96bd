/// The single-step Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as RFC 7518 §4.6.2 uses it for
/// ECDH-ES:
///
///     K(i)      = SHA-256(BE32(i) ‖ Z ‖ OtherInfo), i = 1, 2, …, truncated to keydatalen
///     OtherInfo = BE32(len) ‖ AlgorithmID ‖ BE32(len) ‖ PartyUInfo ‖ BE32(len) ‖ PartyVInfo ‖ BE32(keydatalen)
///
/// (SuppPrivInfo empty.) Z is hashed where it lies; the output is a secure buffer.
public enum ConcatKDF {
    /// The RFC 7518 §4.6.2 OtherInfo for `algorithmID` (the `enc` value for direct agreement, else the
    /// `alg` value of the key wrap, e.g. "A256KW"), `apu`, `apv` and the key length in bits.
    public static func otherInfo(
        algorithmID: String,
        partyUInfo: [UInt8],
        partyVInfo: [UInt8],
        keyDataLengthBits: Int
    ) -> [UInt8] {
        lengthPrefixed(Array(algorithmID.utf8)) + lengthPrefixed(partyUInfo) + lengthPrefixed(partyVInfo)
            + bigEndian32(keyDataLengthBits)
    }

    /// `byteCount` bytes of key from the shared secret `z`.
    public static func deriveKey(sharedSecret z: SecureBytes, otherInfo: [UInt8], byteCount: Int) -> SecureBytes {
        precondition(byteCount >= 0, "Concat KDF output length must not be negative")
        var output = SecureBytes()
        var counter = 1
        while output.count < byteCount {
            let block = bigEndian32(counter).withUnsafeBytes { counterBytes in
                z.withUnsafeBytes { zBytes in
                    otherInfo.withUnsafeBytes { infoBytes in
                        Digest.secureHash(.sha256, rawParts: [counterBytes, zBytes, infoBytes])
                    }
                }
            }
            output.append(block.slice(0..<Swift.min(block.count, byteCount - output.count)))
            counter += 1
        }
        return output
    }

    /// RFC 7518 §4.6.2 in one call.
    public static func deriveKey(
        sharedSecret z: SecureBytes,
        algorithmID: String,
        partyUInfo: [UInt8] = [],
        partyVInfo: [UInt8] = [],
        byteCount: Int
    ) -> SecureBytes {
        deriveKey(
            sharedSecret: z,
            otherInfo: otherInfo(
                algorithmID: algorithmID,
                partyUInfo: partyUInfo,
                partyVInfo: partyVInfo,
                keyDataLengthBits: byteCount * 8
            ),
            byteCount: byteCount
        )
    }

    private static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] { bigEndian32(bytes.count) + bytes }

    private static func bigEndian32(_ value: Int) -> [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }
}
