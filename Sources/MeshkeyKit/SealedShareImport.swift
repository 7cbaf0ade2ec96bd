public import MeshCrypto
public import MeshEscrow
public import MeshKeyStore
import MeshKeys

/// A sealed recryption share (a DeviceRecryptionKey or ServiceRecryptionKey that `recrypt split` wrote)
/// imported into the store: opened with the store's own key it was sealed to, checked against the group
/// key, and stored as a share entry.
extension KeyStore {
    /// Imports a sealed share. Its signature is verified before anything is decrypted and must be by
    /// `expectedSigner`; without one, `allowUnsigned` must be set (an unsigned share, or any signer, is then
    /// accepted). Returns the entry and the verified signer's UDF (nil: unsigned).
    ///
    /// Errors: `unsigned` (no expected signer and unsigned shares not allowed), `not_found` (no X key of the
    /// store opens it), the escrow errors of the document and the store's errors.
    public func importSealedShare(
        _ document: SecureBytes,
        exportable: Bool,
        label: String?,
        expectedSigner: String?,
        allowUnsigned: Bool
    ) throws -> (entry: StoreEntry, signer: String?) {
        let sealed = try DeviceRecryptionKey.parse(document.unprotectedBytes)
        if expectedSigner == nil && !allowUnsigned {
            throw OperationError(
                "unsigned",
                "importing a sealed share needs --expect-signer UDF (who split the group key), or --allow-unsigned"
            )
        }
        let expectation = SealSignature.Expectation(signer: expectedSigner, requireSignature: false)
        let signer = try sealed.checkSignature(expectation)
        let composite = try open(sealed, expectation: expectation)
        let role = sealed.holder == .member ? "member" : "service"
        let entry = try add(
            share: composite.part,
            curve: composite.curve,
            group: composite.groupPublic,
            exportable: exportable,
            label: label ?? KeyLabel.acceptable(
                "recryption \(role) share of \(sealed.groupUDF) (service: \(composite.service))"
            )
                ?? "recryption \(role) share of \(sealed.groupUDF)"
        )
        return (entry, signer)
    }

    /// Opens the envelope with the store key named by its `kid`; without a matching `kid`, with each X key of
    /// the store in turn.
    func open(_ sealed: DeviceRecryptionKey, expectation: SealSignature.Expectation) throws -> KeyComposite {
        for kid in sealed.recipientIdentifiers {
            guard let key = try? privateKey(udf: kid) else { continue }
            return try sealed.open(privateKey: key, expectation: expectation)
        }
        let entries = try list().entries.filter { $0.keyAlgorithm == .x25519 || $0.keyAlgorithm == .x448 }
        for entry in entries {
            do {
                return try sealed.open(privateKey: try privateKey(udf: entry.udf), expectation: expectation)
            } catch let error as EscrowError {
                // A wrong key fails in the JWE; any other refusal (a share that does not add up) is final.
                guard error.code == .jwe else { throw error }
            }
        }
        let named = sealed.recipientIdentifiers.first.map { " (sealed to \($0))" } ?? ""
        throw OperationError("not_found", "no X25519/X448 key in \(path) opens this \(sealed.holder.rawValue)\(named)")
    }
}
