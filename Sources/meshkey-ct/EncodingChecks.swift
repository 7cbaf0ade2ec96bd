import MeshCrypto
import MeshUDF

/// Base32 encoding of secret bytes: secrets and seeds as the CLI prints them, and share UDFs
/// (0x90 ‖ threshold and x ‖ value).
///
/// Lengths whose text has 9 to 15 characters (5 to 9 bytes, dashed or not) are left out: Swift keeps such
/// a string inline ("small string"), its characters 9 to 15 in the same word as the tag bits, and
/// `swift_release` tests that word's sign (`test %rdi,%rdi; jle`), which is the tag bit "small", never a
/// character bit; memcheck cannot tell the bits apart and reports it. The encoding arithmetic is the same
/// code for every length.
enum EncodingChecks {
    /// `base32`.
    static func run() {
        for length in [1, 2, 3, 4, 10, 16, 32, 35, 64] {
            _ = Base32.encode(Memcheck.secret(length))
            _ = Base32.encode(Memcheck.secret(length), dashed: false)
        }
        _ = ShareUDF(threshold: 3, x: 2, value: Memcheck.secret(32)).text
    }
}
