import MeshDevice
import MeshKeys
import MeshUDF

/// `meshkey-bench --device`: device profile generation, activation on both sides, and the chain
/// verification of `device verify` (in process, without the store's file and scrypt costs).
func deviceBenchmarks(quick: Bool) -> [Benchmark.Result] {
    var results: [Benchmark.Result] = []
    let batches = quick ? 5 : 20
    let profile = try! MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
    let account = try! AccountProfile(document: ProfileDocument(profile: profile).json)
    let administrator = try! Administrator(account: account, signer: .derived(profile.key(.administratorSignature)))

    results.append(
        Benchmark(
            name: "device profile generation (seed, 4 keys, signed profile)",
            batches: batches,
            iterationsPerBatch: 2
        ) {
            (try! DeviceProfileDocument(device: DeviceKeys.generate())).record.compact.utf8.count
        }.run()
    )

    let device = DeviceKeys.generate()
    let document = try! DeviceProfileDocument(device: device)
    results.append(
        Benchmark(
            name: "activation, administrator (verify profile, 3 composites, JWE, 2 connections, catalog)",
            batches: batches,
            iterationsPerBatch: 2
        ) {
            (try! administrator.enroll(request: document.record, name: "bench", roles: ["user"], catalog: .empty))
                .answer.json.count
        }.run()
    )

    let enrolment = try! administrator.enroll(request: document.record, name: "bench", roles: ["user"], catalog: .empty)
    let answer = enrolment.answer
    results.append(
        Benchmark(
            name: "activation, device (decrypt, verify, 3 composite private keys)",
            batches: batches,
            iterationsPerBatch: 2
        ) {
            let (activation, _) = try! ActivationRecord.open(answer.activation, device: device, account: account)
            var total = 0
            for role in ActivationKeys.roles {
                total &+= (try! activation.compositePrivate(role, device: device)).publicKeyExtended.count
            }
            return total
        }.run()
    )

    let catalog = try! DeviceCatalog.verify(versions: answer.catalog.versions, account: account)
    results.append(
        Benchmark(
            name: "device verify (account profile, device profile, connections, catalog, composites)",
            batches: batches,
            iterationsPerBatch: 2
        ) {
            let account = try! AccountProfile(document: answer.accountProfile, expect: profile.udf)
            return
                (try! DeviceVerification.verify(
                    account: account,
                    profile: answer.deviceProfile,
                    connection: answer.connection,
                    service: answer.service,
                    catalog: catalog,
                    revocation: nil,
                    own: (device, enrolment.activation)
                )).deviceUDF.utf8.count
        }.run()
    )

    let signing = try! enrolment.activation.compositePrivate(.signature, device: device)
    let message = Array("meshkey-bench".utf8)
    results.append(
        Benchmark(name: "composite Ed448 sign", batches: batches, iterationsPerBatch: 5) {
            (try! signing.sign(message: message)).count
        }.run()
    )
    return results
}
