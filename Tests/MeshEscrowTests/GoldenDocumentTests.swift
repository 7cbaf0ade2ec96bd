import MeshCrypto
import MeshEscrow
import MeshMath
import MeshUDF
import Testing

/// The exact bytes of commitment documents from fixed inputs and a fixed (deterministic Ed448) signer: a
/// change of JSON writer must not change one byte of them.
@Suite struct GoldenCommitmentDocumentTests {
    static func sha256(_ bytes: [UInt8]) -> String { Hex.encode(Digest.hash(.sha256, bytes)) }

    @Test func signedAndUnsignedDocuments() throws {
        let seed = try SeedUDF.parse("ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT")
        let signer = try #require(SecretSharing.profileSigner(for: seed.binary))
        let group = try #require(SchnorrGroup.group(byteLength: 32))
        let commitments = (1...3).map { index in Digest.shake256(Array("commitment \(index)".utf8), outputCount: 384) }
        let first = CommitmentDocument.make(
            setIdentifier: signer.kid,
            threshold: 3,
            shareCount: 5,
            epoch: 1,
            previous: nil,
            group: group,
            commitments: commitments,
            signer: signer
        )
        let second = CommitmentDocument.make(
            setIdentifier: signer.kid,
            threshold: 2,
            shareCount: 4,
            epoch: 2,
            previous: first,
            group: group,
            commitments: Array(commitments.prefix(2)),
            signer: nil
        )
        let firstText = String(decoding: first.json, as: UTF8.self)
        #expect(firstText.hasPrefix("{\n  \"payload\": \"eyJjb21taXRtZW50cyI6W"), "\(firstText)")
        #expect(
            Self.sha256(first.json) == "5c229c55c6e9fdc85f6c22a8b014f9a7fd08284e50463dda5b1c71f8a84c8544",
            "\(firstText)"
        )
        #expect(first.udf == "MD63-TFTI-AHDE-XWJZ-5WPR-FZLA-PQ7S")
        #expect(
            Self.sha256(second.json) == "c0bb7363ac91abbfd70c81cba4e0037bfe77fc860c314e51f086d9e15f48e473",
            "\(String(decoding: second.json, as: UTF8.self))"
        )
    }
}
