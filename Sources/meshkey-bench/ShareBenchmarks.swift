import MeshCrypto
import MeshEscrow
import MeshUDF

/// `meshkey-bench --shares`: verifiable share sets on a 35-byte account seed, 3 of 5 — commit
/// (split with the commitment document), verify one share alone, recover with every share verified, and
/// reshare (verify, recover, split again, new document).
func shareBenchmarks(quick: Bool) -> [Benchmark.Result] {
    let scale = quick ? 5 : 1
    let seed = SeedUDF.random(.meshProfileAccount).binary
    let signer = SecretSharing.profileSigner(for: seed)
    let committed = try! SecretSharing.splitCommitted(
        secret: seed,
        threshold: 3,
        shareCount: 5,
        setIdentifier: signer?.kid,
        signer: signer
    )
    let document = try! CommitmentDocument.parse(committed.document.json)
    let set = try! ShareSet(validating: Array(committed.split.shares.prefix(3)))
    var results: [Benchmark.Result] = []
    results.append(
        Benchmark(
            name: "commit 3-of-5 (split + document, signed), 35-byte seed",
            batches: 10,
            iterationsPerBatch: 20 / scale
        ) {
            try! SecretSharing.splitCommitted(
                secret: seed,
                threshold: 3,
                shareCount: 5,
                setIdentifier: signer?.kid,
                signer: signer
            ).document.json.count
        }.run()
    )
    results.append(
        Benchmark(
            name: "commit 3-of-5 (split + document, unsigned), 35-byte seed",
            batches: 10,
            iterationsPerBatch: 20 / scale
        ) {
            try! SecretSharing.splitCommitted(secret: seed, threshold: 3, shareCount: 5, signer: nil).document.json
                .count
        }.run()
    )
    results.append(
        Benchmark(
            name: "read + check a document (3 commitments, signature)",
            batches: 10,
            iterationsPerBatch: 20 / scale
        ) {
            try! CommitmentDocument.parse(committed.document.json).threshold
        }.run()
    )
    results.append(
        Benchmark(name: "verify one share alone", batches: 10, iterationsPerBatch: 50 / scale) {
            document.check(committed.split.shares[1]) == .valid ? 1 : 0
        }.run()
    )
    results.append(
        Benchmark(name: "recover 3-of-5 with every share verified", batches: 10, iterationsPerBatch: 20 / scale) {
            try! set.recover(verifiedBy: document).secret.count
        }.run()
    )
    results.append(
        Benchmark(
            name: "reshare 3 of 5 -> 3 of 5 (verify, recover, split, new document)",
            batches: 10,
            iterationsPerBatch: 10 / scale
        ) {
            try! set.reshare(verifiedBy: document, threshold: 3, shareCount: 5).document.json.count
        }.run()
    )
    return results
}
