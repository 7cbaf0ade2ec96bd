import CValgrind
import MeshCrypto

/// Valgrind memcheck's client requests, as meshkey-ct uses them (the C macros are wrapped in `CValgrind`;
/// no C type leaves this file).
///
/// A secret is made "undefined" for memcheck; memcheck then reports every conditional branch and every
/// memory address computed from it ("Conditional jump or move depends on uninitialised value(s)", "Use of
/// uninitialised value of size 8"). Results derived from secrets stay undefined. The verdicts the library
/// deliberately acts on (``SecretVerdict``) are marked defined again at the point where they are revealed.
enum Memcheck {
    /// Whether the client requests were compiled in (valgrind's headers were present at build time).
    static var requestsAvailable: Bool { meshkey_ct_client_requests_available() == 1 }

    /// Whether this process runs under valgrind.
    static var isRunning: Bool { meshkey_ct_running_on_valgrind() == 1 }

    /// `count` random bytes, marked secret (undefined).
    static func secret(_ count: Int) -> SecureBytes {
        let bytes = SecureRandom.bytes(count)
        markSecret(bytes)
        return bytes
    }

    /// Marks the contents of `bytes` secret (undefined). Copies made later inherit the marking.
    static func markSecret(_ bytes: SecureBytes) {
        bytes.withUnsafeBytes { meshkey_ct_mark_undefined($0.baseAddress, $0.count) }
    }

    /// Marks the contents of `bytes` public (defined): for values that are public by design, such as a
    /// public key computed from a secret.
    static func markPublic(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { meshkey_ct_mark_defined($0.baseAddress, $0.count) }
    }

    /// Marks an integer public (defined), after a deliberate leak in the control.
    static func markPublic(_ value: inout Int) {
        withUnsafeMutableBytes(of: &value) { meshkey_ct_mark_defined($0.baseAddress, $0.count) }
    }

    /// Makes every ``SecretVerdict`` the library reveals defined, right where it is revealed.
    static func revealVerdicts() {
        SecretVerdict.installObserver { address, count in meshkey_ct_mark_defined(address, count) }
    }
}
