/// The header's state, readable without the passphrase.
public struct StoreStatus: Sendable, Equatable {
    public let path: String
    public let format: Int
    /// False for a store made with `--insecure-no-passphrase`: its master key is stored unwrapped.
    public let passphraseProtected: Bool
    public let kdfName: String?
    public let kdfLog2N: Int?
    public let kdfR: Int?
    public let kdfP: Int?
    public let created: String
    public let entryCount: Int
    public let temporaryFileCount: Int
}
