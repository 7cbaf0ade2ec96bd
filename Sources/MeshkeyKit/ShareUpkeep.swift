public import MeshEscrow
public import MeshUDF

/// Share upkeep on shares a person gave (each verified against the set's commitment document first): lost
/// sheets remade, new holders added, the set re-shared and a re-shared set confirmed. A refusal names the
/// share with its provenance.
extension CheckedShares {
    /// New shares at `xs` (``ShareSet/NewShares``: a lost sheet remade, or a new holder's).
    public func newShares(
        at xs: [Int],
        _ kind: ShareSet.NewShares,
        verifiedBy document: CommitmentDocument
    ) throws(ShareInputError) -> [ShareUDF] {
        let set = try shareSet(verifiedBy: document)
        do { return try set.newShares(at: xs, kind, verifiedBy: document) } catch { throw refusal(error) }
    }

    /// The same secret shared again (a new polynomial, threshold and count, the next epoch) with its new
    /// document, signed by `signer` (an account seed's profile key when nil).
    public func reshare(
        verifiedBy document: CommitmentDocument,
        threshold: Int,
        shareCount: Int,
        signer: CommitmentSigner?
    ) throws(ShareInputError) -> SecretSharing.CommittedSplit {
        let set = try shareSet(verifiedBy: document)
        do {
            return try set.reshare(
                verifiedBy: document,
                threshold: threshold,
                shareCount: shareCount,
                signer: { signer ?? SecretSharing.profileSigner(for: $0) }
            )
        } catch { throw refusal(error) }
    }

    /// Checks that these shares of a re-shared set verify against its pending document and recombine.
    public func confirm(_ document: CommitmentDocument) throws(ShareInputError) {
        let set = try shareSet(verifiedBy: document)
        do { try document.confirm(set) } catch { throw refusal(error) }
    }
}
