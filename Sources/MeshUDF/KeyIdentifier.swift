import MeshCrypto

/// Identifiers the reference command line prints beside a key, computed from the key's text.
///
/// * ``shareIdentifier(keyString:bits:)`` ("key share"): SHA-512(UTF8("UDFEncryption:") ‖ UTF8(key)),
///   a single hash, typed 96 + compression level. Safe to keep with the shares of a high-entropy key; for
///   a low-entropy secret it allows guessing, like any unsalted hash.
/// * ``locatorIdentifier(keyString:bits:)`` ("key earl"): the content digest of UTF8(key) under content
///   type `UDFEncryption`.
public enum KeyIdentifier {
    /// Precision the reference uses for a share identifier: twice the key's bits, at most 440.
    public static func shareIdentifierBits(secretByteCount: Int) -> Int { Swift.min(2 * 8 * secretByteCount, 440) }

    public static func shareIdentifier(keyString: String, bits: Int) -> String {
        // Hash the key's text where the string keeps it: no array copy of the secret is made.
        var key = keyString
        let digest = key.withUTF8 { keyBytes in
            Array("UDFEncryption:".utf8).withUnsafeBytes { label in
                Digest.hash(.sha512, rawParts: [label, UnsafeRawBufferPointer(keyBytes)])
            }
        }
        return ContentDigest(digest: digest, algorithm: .sha512).presentation(bits: bits)
    }

    public static func locatorIdentifier(keyString: String, bits: Int = 280) -> String {
        ContentDigest(data: Array(keyString.utf8), contentType: "UDFEncryption").presentation(bits: bits)
    }
}
