import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys

/// `meshkey store import` of a sealed recryption share (a DeviceRecryptionKey or ServiceRecryptionKey that
/// `meshkey recrypt split` wrote): opened with the store's own key it was sealed to, checked against the group
/// key, and stored as a share entry.
enum ShareImport {
    /// Imports a sealed share. Its signature is verified before anything is decrypted and must be by
    /// `expectedSigner`; without one, `allowUnsigned` must be set (an unsigned share, or any signer, is then
    /// accepted). Returns the entry and the verified signer's UDF (nil: unsigned).
    static func add(_ document: SecureBytes, store: KeyStore, exportable: Bool, label: String?, expectedSigner: String?,
                    allowUnsigned: Bool, command: String) -> (entry: StoreEntry, signer: String?) {
        let sealed: DeviceRecryptionKey
        do { sealed = try DeviceRecryptionKey.parse(document.unprotectedBytes) } catch { fail(command, error) }
        if expectedSigner == nil && !allowUnsigned {
            fail(command, "unsigned: importing a sealed share needs --expect-signer UDF (who split the group key), or --allow-unsigned")
        }
        let expectation = SealSignature.Expectation(signer: expectedSigner, requireSignature: false)
        let signer: String?
        do { signer = try sealed.checkSignature(expectation) } catch { fail(command, error) }
        let composite = open(sealed, store: store, expectation: expectation, command: command)
        let role = sealed.holder == .member ? "member" : "service"
        do {
            let entry = try store.add(share: composite.part, curve: composite.curve, group: composite.groupPublic, exportable: exportable,
                                      label: label ?? KeyLabel.acceptable("recryption \(role) share of \(sealed.groupUDF) (service: \(composite.service))")
                                          ?? "recryption \(role) share of \(sealed.groupUDF)")
            return (entry, signer)
        } catch { fail(command, error) }
    }

    /// Opens the envelope with the store key named by its `kid`; without a matching `kid`, with each X key of
    /// the store in turn.
    static func open(_ sealed: DeviceRecryptionKey, store: KeyStore, expectation: SealSignature.Expectation, command: String) -> KeyComposite {
        for kid in sealed.recipientIdentifiers {
            guard let key = try? store.privateKey(udf: kid) else { continue }
            do { return try sealed.open(privateKey: key, expectation: expectation) } catch { fail(command, error) }
        }
        let entries: [StoreEntry]
        do { entries = try store.list().entries.filter { $0.keyAlgorithm == .x25519 || $0.keyAlgorithm == .x448 } } catch {
            fail(command, error)
        }
        for entry in entries {
            do { return try sealed.open(privateKey: try store.privateKey(udf: entry.udf), expectation: expectation) } catch let error as EscrowError {
                // A wrong key fails in the JWE; any other refusal (a share that does not add up) is final.
                guard error.code == .jwe else { fail(command, error) }
            } catch { fail(command, error) }
        }
        let named = sealed.recipientIdentifiers.first.map { " (sealed to \($0))" } ?? ""
        fail(command, "not_found: no X25519/X448 key in \(store.path) opens this \(sealed.holder.rawValue)\(named)")
    }
}
