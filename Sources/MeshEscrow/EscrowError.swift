public import MeshCrypto
public import MeshJOSE

/// Why an escrow entry could not be made, read or opened. Never contains key bytes.
///
/// Codes: `malformed_entry`, `identifier_mismatch`, `invalid_key_set`, `wrong_entry_type`, `jwe` (the
/// JWE's own error is in ``jose``, and the line printed is the JWE's `code: reason`), `invalid_parameters`,
/// `bad_signature`, `unsigned`, `signer_mismatch`. Errors compare by code only.
public struct EscrowError: CodedError, Hashable {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not an escrow entry document.
        public static let malformedEntry = Code(rawValue: "malformed_entry")
        /// The recovered key's identifier is not the entry's Identifier (shares of another entry).
        public static let identifierMismatch = Code(rawValue: "identifier_mismatch")
        /// The decrypted data is not a valid EscrowedKeySet.
        public static let invalidKeySet = Code(rawValue: "invalid_key_set")
        /// An offline entry opened with a private key, or an online entry with shares.
        public static let wrongEntryType = Code(rawValue: "wrong_entry_type")
        /// The JWE was refused (its own code is in the reason).
        public static let jwe = Code(rawValue: "jwe")
        public static let invalidParameters = Code(rawValue: "invalid_parameters")
        /// A signature that is malformed or does not verify (the document was changed after signing).
        public static let badSignature = Code(rawValue: "bad_signature")
        /// No signature where one is required (or a signature removed from a document that names its signer).
        public static let unsigned = Code(rawValue: "unsigned")
        /// Signed, but not by the expected signer.
        public static let signerMismatch = Code(rawValue: "signer_mismatch")
    }

    public let code: Code
    public let reason: String
    /// The JWE error, when the code is `jwe`.
    public let jose: JOSEError?

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
        self.jose = nil
    }

    public init(_ jose: JOSEError) {
        code = .jwe
        reason = jose.description
        self.jose = jose
    }

    /// JWE failures print their own code first.
    public var description: String { jose != nil ? reason : "\(code.rawValue): \(reason)" }
    public var errorCode: String { code.rawValue }
    public var codedDescription: String { description }

}
