import MeshCrypto

/// The embedded key store: one folder (0700) holding `store.json`, a `lock` file and one sealed file per
/// entry (0600). See Docs/formats.md, "Key store".
///
/// Every entry's private part is sealed with AES-256-GCM under a random 32-byte master key, which is
/// itself wrapped under a scrypt key of the passphrase. All writes are atomic (temporary file, fsync,
/// rename, fsync of the folder) and made under an exclusive `flock` on `lock`; reads take a shared lock.
public final class KeyStore: Sendable {
    /// Headers written now (store id, generation, key commitment); format 1 headers are still opened.
    public static let formatVersion = 2
    /// Entries written into a format 2 store: bound to the store id, generation and protection (AAD).
    /// A format 1 store (written by an older meshkey) still reads and writes format 1/2 entries until
    /// `passwd` rotates it to format 2 (see Docs/formats.md, "Key store").
    public static let entryFormat = 3
    /// log2 N of the default scrypt cost (r = 8, p = 1); see Docs/formats.md for the measured time.
    public static let defaultKDFCost = 18
    public static let kdfCostRange = 10...20
    static let headerName = "store.json"
    static let entrySuffix = ".json"

    public let path: String
    let masterKey: SecureBytes
    /// What entries are bound to, from the header this value was opened with.
    let binding: StoreBinding
    /// The header's bytes at open: every write first checks that `store.json` is still exactly these.
    let headerBytes: [UInt8]

    init(path: String, masterKey: SecureBytes, binding: StoreBinding, headerBytes: [UInt8]) {
        self.path = path
        self.masterKey = masterKey
        self.binding = binding
        self.headerBytes = headerBytes
    }

    // MARK: Location

    /// `explicit` (`--store`), else `$MESHKEY_HOME`, else `$XDG_DATA_HOME/meshkey` (if absolute), else
    /// `$HOME/.local/share/meshkey`. With none of these (or a relative `HOME`) it refuses (`no_home`)
    /// rather than use a folder relative to the working directory.
    public static func location(explicit: String?, environment: [String: String]) throws(KeyStoreError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let home = environment["MESHKEY_HOME"], !home.isEmpty { return home }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/meshkey" }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw KeyStoreError(
                .noHome,
                "HOME is \(environment["HOME"].map { $0.isEmpty ? "empty" : "not an absolute path" } ?? "not set") and neither --store, $MESHKEY_HOME nor $XDG_DATA_HOME names the store; refusing a store relative to the working directory"
            )
        }
        return home + "/.local/share/meshkey"
    }
}
