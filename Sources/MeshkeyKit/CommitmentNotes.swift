public import MeshEscrow

/// What a commitment document's signature does and does not show, as lines for people.
public enum CommitmentNotes {
    /// A note naming a signer other than the set's identifier, or a warning that the document is unsigned.
    public static func signer(of document: CommitmentDocument) -> [String] {
        guard let signer = document.signer else {
            return [
                "warning: the commitment document is not signed: it shows the shares belong together, not who made them"
            ]
        }
        if signer != document.setIdentifier {
            return [
                "the commitment document is signed by \(signer) (not the set's identifier \(document.setIdentifier)): check that you trust that key"
            ]
        }
        return []
    }

    /// The lines printed on each sheet of a set with a commitment document.
    public static func sheetLines(_ document: CommitmentDocument) -> [String] {
        [
            "Commitment document \(document.udf) (epoch \(document.epoch)). Check this sheet alone:",
            "    meshkey share verify --commitments FILE SHARE",
        ]
    }
}
