public import MeshCrypto

/// Why a key-store operation was refused. Modelled on swift-certificates' errors: a stable code, a
/// human reason, and the path or entry UDF it concerns. Never contains key bytes.
///
/// Codes: `wrong_passphrase`, `insecure_permissions`, `tampered_entry`, `corrupt_header`, `not_found`,
/// `not_exportable`, `exists`, `not_initialized`, `passphrase_required`, `invalid_input`,
/// `unprotected_store`, `header_mismatch`, `no_home`, `proof_required`, `shares_mismatch`, `io_error`.
/// Errors compare by code only.
public struct KeyStoreError: CodedError, Hashable {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The passphrase did not unlock the master key (GCM tag failure).
        public static let wrongPassphrase = Code(rawValue: "wrong_passphrase")
        /// The store folder or a store file is readable or writable by others, or not owned by us.
        public static let insecurePermissions = Code(rawValue: "insecure_permissions")
        /// An entry file was edited, swapped, truncated or is not an entry.
        public static let tamperedEntry = Code(rawValue: "tampered_entry")
        /// The header (`store.json`) is unreadable or not a store header.
        public static let corruptHeader = Code(rawValue: "corrupt_header")
        /// No entry with this UDF.
        public static let notFound = Code(rawValue: "not_found")
        /// The entry's private part may not leave the store.
        public static let notExportable = Code(rawValue: "not_exportable")
        /// The entry or store already exists.
        public static let exists = Code(rawValue: "exists")
        /// No store at this location.
        public static let notInitialized = Code(rawValue: "not_initialized")
        /// A passphrase is needed (or must not be empty).
        public static let passphraseRequired = Code(rawValue: "passphrase_required")
        /// Bad input: a parameter, a key, an export format the entry cannot take.
        public static let invalidInput = Code(rawValue: "invalid_input")
        /// An unprotected store opened without `--unprotected`, or given a passphrase it does not have.
        public static let unprotectedStore = Code(rawValue: "unprotected_store")
        /// `store.json` does not match the master key's commitment, changed since the store was opened, or
        /// is not the header the entries are bound to: replaced or forged. Nothing is written.
        public static let headerMismatch = Code(rawValue: "header_mismatch")
        /// No store location: `HOME` unset (or relative) and no `--store`, `$MESHKEY_HOME`, `$XDG_DATA_HOME`.
        public static let noHome = Code(rawValue: "no_home")
        /// An account seed's removal was asked for without the escrow shares that recover it or `--force`.
        public static let proofRequired = Code(rawValue: "proof_required")
        /// The shares given as proof do not recover the stored account seed.
        public static let sharesMismatch = Code(rawValue: "shares_mismatch")
        /// A system call failed.
        public static let io = Code(rawValue: "io_error")
    }

    public let code: Code
    public let reason: String
    public let path: String?
    public let udf: String?

    public init(_ code: Code, _ reason: String, path: String? = nil, udf: String? = nil) {
        self.code = code
        self.reason = reason
        self.path = path
        self.udf = udf
    }

    /// One line: "code: entry UDF: reason" or "code: PATH: reason" or "code: reason".
    public var description: String {
        if let udf { return "\(code): entry \(udf): \(reason)" }
        if let path { return "\(code): \(path): \(reason)" }
        return "\(code): \(reason)"
    }

    public var errorCode: String { code.rawValue }
    public var codedDescription: String { description }

}
