public import MeshCrypto

/// The weak-passphrase rule for a new store passphrase (`store init`, `store passwd`): fewer than
/// `minimumCharacters` characters (UTF-8 code points), or fewer than `minimumDistinctBytes` different byte
/// values. It only decides a warning; no passphrase is ever refused for it. Both counts are computed without
/// branching or indexing on the passphrase's bytes (every byte is compared with all 256 values).
public enum PassphraseStrength {
    public static let minimumCharacters = 12
    public static let minimumDistinctBytes = 6

    /// The number of UTF-8 code points (bytes that are not continuation bytes 10xxxxxx).
    public static func characterCount(_ passphrase: SecureBytes) -> Int {
        passphrase.withUnsafeBytes { bytes in
            var count = 0
            for byte in bytes {
                // 1 unless byte & 0xC0 == 0x80.
                let x = UInt32((byte & 0xC0) ^ 0x80)
                count += Int((x | (0 &- x)) >> 31)
            }
            return count
        }
    }

    /// The number of different byte values in the passphrase.
    public static func distinctByteCount(_ passphrase: SecureBytes) -> Int {
        passphrase.withUnsafeBytes { bytes in
            var distinct = 0
            for value in 0..<256 {
                var seen: UInt32 = 0
                for byte in bytes {
                    let x = UInt32(byte) ^ UInt32(value)
                    // 1 when x == 0.
                    seen |= 1 ^ ((x | (0 &- x)) >> 31)
                }
                distinct += Int(seen)
            }
            return distinct
        }
    }

    /// True when the passphrase falls under the rule above.
    public static func isWeak(_ passphrase: SecureBytes) -> Bool {
        characterCount(passphrase) < minimumCharacters || distinctByteCount(passphrase) < minimumDistinctBytes
    }

    /// The warning line's reason (after `warning: weak_passphrase: `).
    public static let warning =
        "the new passphrase has fewer than \(minimumCharacters) characters or fewer than \(minimumDistinctBytes) different ones; it was accepted, but a longer one (for example five random words) is much harder to guess"
}
