import MeshCrypto
import MeshJOSE
import MeshMath

extension EscrowEntry {
    /// ``sealOffline(_:threshold:shareCount:signer:)`` with a commitment document for the shares of the entry's
    /// 32-byte key (set = the entry's identifier; the document itself unsigned, the entry signed by `signer`
    /// when given). Shares of this key give hard revocation: once the entry's ciphertext is deleted, they
    /// recover nothing.
    public static func sealOfflineCommitted(
        _ keySet: EscrowedKeySet,
        threshold: Int,
        shareCount: Int,
        signer: SealSigner? = nil
    )
        throws(EscrowError) -> (entry: EscrowEntry, split: SecretSharing.Split, document: CommitmentDocument)
    {
        let key = SecureRandom.bytes(32)
        let identifier = SecretSharing.identifier(of: key)
        let committed: SecretSharing.CommittedSplit
        do {
            committed = try SecretSharing.splitCommitted(
                secret: key,
                threshold: threshold,
                shareCount: shareCount,
                setIdentifier: identifier,
                signer: nil
            )
        } catch { throw EscrowError(.invalidParameters, error.description) }
        let jwe: JWE
        let header = try signerHeader(signer)
        do { jwe = try JWE.encryptDirect(try keySet.serialized(), key: key, extraProtected: header) } catch let error
            as JOSEError
        {
            throw EscrowError(error)
        } catch { throw error as! EscrowError }
        let entry = EscrowEntry(kind: .offline, identifier: identifier, encryptedData: jwe)
        return (try entry.signed(by: signer), committed.split, committed.document)
    }
}
