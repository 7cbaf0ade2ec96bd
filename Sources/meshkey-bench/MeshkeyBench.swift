import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshUDF

#if canImport(Glibc)
import Glibc
#endif

/// `meshkey-bench [--quick] [--advanced | --device | --shares]`: in-process timings of share splitting and recovery (and, with
/// `--advanced`, only the advanced-key operations on X448; with `--device`, only the device operations; with `--shares`,
/// only verifiable share sets). `--dudect [--measurements N]` runs the timing-leak
/// tests instead (fixed against random secrets, Welch's t). Build in release mode:
/// `swift run -c release meshkey-bench`.
@main
struct MeshkeyBench {
    static func main() {
        let quick = CommandLine.arguments.contains("--quick")
        if CommandLine.arguments.contains("--advanced") {
            // Only the advanced-key timings (X448 overlay, recryption, threshold) and OpenSSL's X448.
            print(
                "meshkey-bench --advanced: per-operation wall time (ContinuousClock), min / median / p90 over batches"
            )
            for result in advancedBenchmarks(quick: quick) { print(result.line) }
            return
        }
        if CommandLine.arguments.contains("--device") {
            // Only the device timings: profile generation, activation (both sides), verify.
            print("meshkey-bench --device: per-operation wall time (ContinuousClock), min / median / p90 over batches")
            for result in deviceBenchmarks(quick: quick) { print(result.line) }
            return
        }
        if CommandLine.arguments.contains("--shares") {
            // Verifiable share sets: commit, verify one share, recover with verification, reshare.
            print("meshkey-bench --shares: per-operation wall time (ContinuousClock), min / median / p90 over batches")
            for result in shareBenchmarks(quick: quick) { print(result.line) }
            return
        }
        if CommandLine.arguments.contains("--dudect") {
            // Timing-leak tests of the secret-handling operations (Docs/security.md, section 2).
            let measurements = CommandLine.arguments.firstIndex(of: "--measurements")
                .flatMap { CommandLine.arguments.dropFirst($0 + 1).first }.flatMap { Int($0) }
            exit(TimingLeakSuite.run(measurements: measurements) ? 0 : 1)
        }
        if let index = CommandLine.arguments.firstIndex(of: "--make-store") {
            // `--make-store PATH COUNT`: an unprotected store with COUNT Ed25519 entries, for bench/store.sh.
            let arguments = Array(CommandLine.arguments.dropFirst(index + 1))
            guard arguments.count == 2, let count = Int(arguments[1]) else {
                print("usage: meshkey-bench --make-store PATH COUNT")
                return
            }
            let store = try! KeyStore.initialize(
                at: arguments[0],
                passphrase: nil,
                kdfCost: KeyStore.kdfCostRange.lowerBound
            )
            var last = ""
            for _ in 0..<count { last = try! store.generate(.ed25519).udf }
            print(last)
            return
        }
        if let index = CommandLine.arguments.firstIndex(of: "--profile-split") {
            // A fixed workload for callgrind: split 3-of-5 (32 bytes) into share strings N times.
            let runs = CommandLine.arguments.dropFirst(index + 1).first.flatMap { Int($0) } ?? 1000
            let secret = SecureRandom.bytes(32)
            var total = 0
            for _ in 0..<runs {
                total &+= try! SecretSharing.split(secret: secret, threshold: 3, shareCount: 5).shares.map(\.text).count
            }
            print(total)
            return
        }
        if let index = CommandLine.arguments.firstIndex(of: "--profile-recover") {
            // A fixed workload for callgrind: recover 3-of-5 (32 bytes) N times.
            let runs = CommandLine.arguments.dropFirst(index + 1).first.flatMap { Int($0) } ?? 1000
            let texts = try! SecretSharing.split(secret: SecureRandom.bytes(32), threshold: 3, shareCount: 5).shares
                .map(\.text)
            var total = 0
            for _ in 0..<runs { total &+= try! ShareSet.parse(Array(texts.prefix(3))).recover().secret.count }
            print(total)
            return
        }
        let scale = quick ? 10 : 1
        print("meshkey-bench: per-operation wall time (ContinuousClock), min / median / p90 over batches")
        var results: [Benchmark.Result] = []

        // Mesh share format: split (secret -> share strings) and recover (threshold share strings -> secret).
        for (threshold, count) in [(3, 5), (15, 15)] {
            for length in [16, 32, 64] {
                let secret = SecureRandom.bytes(length)
                let iterations = (threshold == 3 ? 2000 : 200) / scale
                results.append(
                    Benchmark(
                        name: "mesh split \(threshold)-of-\(count), \(length)-byte secret",
                        batches: 30,
                        iterationsPerBatch: iterations
                    ) {
                        let split = try! SecretSharing.split(secret: secret, threshold: threshold, shareCount: count)
                        return split.shares.reduce(0) { $0 &+ $1.text.utf8.count }
                    }.run()
                )
                let texts = try! SecretSharing.split(secret: secret, threshold: threshold, shareCount: count)
                    .shares.map(\.text)
                let quorum = Array(texts.prefix(threshold))
                results.append(
                    Benchmark(
                        name: "mesh recover \(threshold)-of-\(count), \(length)-byte secret",
                        batches: 30,
                        iterationsPerBatch: iterations
                    ) {
                        let recovered = try! ShareSet.parse(quorum).recover()
                        return recovered.secret.count
                    }.run()
                )
                if threshold == 3 && length == 32 {
                    results.append(
                        Benchmark(
                            name: "mesh recover 3-of-5 from all 5 (checked)",
                            batches: 30,
                            iterationsPerBatch: iterations
                        ) {
                            try! ShareSet.parse(texts).recover().secret.count
                        }.run()
                    )
                    var corrupted = texts
                    var characters = Array(corrupted[3])
                    characters[10] = characters[10] == "A" ? "B" : "A"  // a data character, never a dash
                    corrupted[3] = String(characters)
                    results.append(
                        Benchmark(
                            name: "mesh recover 3-of-5, 1 bad of 5 (culprit named)",
                            batches: 30,
                            iterationsPerBatch: iterations
                        ) {
                            do {
                                _ = try ShareSet.parse(corrupted).recover()
                                return 0
                            } catch let error as ShareError { return error.culprits.count } catch { return -1 }
                        }.run()
                    )
                }
            }
        }

        // Library API, no 15-share limit.
        for (threshold, count) in [(128, 255), (500, 1000)] {
            let secret = SecureRandom.bytes(32)
            let batches = quick ? 3 : 10
            results.append(
                Benchmark(
                    name: "library split \(threshold)-of-\(count), 32-byte secret",
                    batches: batches,
                    iterationsPerBatch: 1
                ) {
                    try! ShamirSecretSharing.split(secret: secret, threshold: threshold, shareCount: count).count
                }.run()
            )
            let shares = try! ShamirSecretSharing.split(secret: secret, threshold: threshold, shareCount: count)
            let quorum = Array(shares.prefix(threshold))
            results.append(
                Benchmark(
                    name: "library recover \(threshold)-of-\(count), 32-byte secret",
                    batches: batches,
                    iterationsPerBatch: 1
                ) {
                    guard
                        case .recovered(let value, _, _) = try! ShamirRecovery.recover(
                            quorum,
                            threshold: threshold,
                            byteLength: 32
                        )
                    else { return 0 }
                    precondition(value == secret, "benchmark recovered a wrong secret")
                    return value.count
                }.run()
            )
        }
        results += curveBenchmarks(quick: quick)
        results += advancedBenchmarks(quick: quick)
        for result in results { print(result.line) }
    }
}

/// Constant-time GMP curve code against OpenSSL's own, in the same run, and full profile derivation.
func curveBenchmarks(quick: Bool) -> [Benchmark.Result] {
    var results: [Benchmark.Result] = []
    let batches = quick ? 5 : 20
    for (curve, algorithm) in [(KeyAlgorithm.x25519, KeyAlgorithm.x25519), (.x448, .x448)] {
        let scalar = DerivedKey.clamp(SecureRandom.bytes(curve == .x25519 ? 32 : 56), curve: curve)
        let peer = try! OpenSSLPrivateKey.generate(algorithm)
        let peerPoint = Montgomery.multiplyBase(
            by: DerivedKey.clamp(try! peer.rawRepresentation(), curve: curve),
            curve: curve
        )
        results.append(
            Benchmark(
                name: "GMP \(curve.rawValue) scalar·P (ladder, v recovered)",
                batches: batches,
                iterationsPerBatch: 10
            ) {
                Montgomery.encodeU(Montgomery.multiply(peerPoint, by: scalar)).count
            }.run()
        )
        let mine = try! OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: scalar)
        results.append(
            Benchmark(name: "OpenSSL \(curve.rawValue) key agreement", batches: batches, iterationsPerBatch: 10) {
                (try! KeyAgreement.sharedSecret(privateKey: mine, peerPublicKey: peer.publicKey)).count
            }.run()
        )
    }
    for (curve, algorithm) in [(KeyAlgorithm.ed25519, KeyAlgorithm.ed25519), (.ed448, .ed448)] {
        let secret = SecureRandom.bytes(curve == .ed25519 ? 32 : 57)
        let message = Array("meshkey benchmark message".utf8)
        results.append(
            Benchmark(name: "GMP \(curve.rawValue) sign", batches: batches, iterationsPerBatch: 5) {
                EdDSA.sign(message: message, secret: secret, curve: curve).count
            }.run()
        )
        let key = try! OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: secret)
        results.append(
            Benchmark(name: "OpenSSL \(curve.rawValue) sign", batches: batches, iterationsPerBatch: 5) {
                (try! key.signature(for: message)).count
            }.run()
        )
    }
    let seed = SeedUDF.random(.meshProfileAccount)
    results.append(
        Benchmark(name: "profile: seed -> 7 keys -> profile UDF", batches: batches, iterationsPerBatch: 2) {
            (try! MeshProfile(accountSeed: seed)).udf.count
        }.run()
    )
    return results
}

/// Advanced keys on X448 (co-generation, recryption, 3-of-5 threshold decryption), next to OpenSSL's X448
/// key agreement in the same run. Each partial validates the received ephemeral (curve, order L) and each
/// combination validates the partials, as the library does for received points.
func advancedBenchmarks(quick: Bool) -> [Benchmark.Result] {
    var results: [Benchmark.Result] = []
    let batches = quick ? 5 : 20
    let curve = KeyAlgorithm.x448
    let base = try! ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
    let (overlay, published) = try! KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
    results.append(
        Benchmark(name: "X448 overlay apply (UDF + published checks)", batches: batches, iterationsPerBatch: 2) {
            (try! overlay.apply(base: base, publishedComposite: published)).publicKeyExtended.count
        }.run()
    )

    let groupPrivate = ScalarKey.randomStandardPrivate(curve: curve)
    let group = try! ScalarKey(standardPrivate: groupPrivate, curve: curve)
    let shares = try! Recryption.split(group: group)
    let ephemeralKey = try! OpenSSLPrivateKey.generate(.x448)
    let ephemeral = try! ScalarKey(standardPrivate: ephemeralKey.rawRepresentation(), curve: curve).publicKeyExtended
    results.append(
        Benchmark(name: "X448 recryption partial (one share)", batches: batches, iterationsPerBatch: 5) {
            (try! Recryption.partial(share: shares.service, ephemeral: ephemeral, curve: curve)).encoded.count
        }.run()
    )
    let partials = [
        try! Recryption.partial(share: shares.member, ephemeral: ephemeral, curve: curve).encoded,
        try! Recryption.partial(share: shares.service, ephemeral: ephemeral, curve: curve).encoded,
    ]
    results.append(
        Benchmark(name: "X448 recryption combine (2 partials)", batches: batches, iterationsPerBatch: 5) {
            (try! Recryption.combine(partials, curve: curve)).agreementBytes.count
        }.run()
    )
    results.append(
        Benchmark(name: "X448 recryption partial x2 + combine", batches: batches, iterationsPerBatch: 2) {
            let both = [
                try! Recryption.partial(share: shares.member, ephemeral: ephemeral, curve: curve).encoded,
                try! Recryption.partial(share: shares.service, ephemeral: ephemeral, curve: curve).encoded,
            ]
            return (try! Recryption.combine(both, curve: curve)).agreementBytes.count
        }.run()
    )

    let shamir = ThresholdKey.splitShamir(group.scalar, threshold: 3, count: 5)
    let quorum = [shamir[0], shamir[2], shamir[4]]
    results.append(
        Benchmark(name: "X448 threshold 3-of-5: 3 partials + combine", batches: batches, iterationsPerBatch: 2) {
            let weights = try! ThresholdKey.weights(quorum)
            let points = weights.map {
                try! ThresholdKey.partial(weight: $0, ephemeral: ephemeral, curve: curve).encoded
            }
            let agreement = try! ThresholdKey.combine(points, curve: curve)
            return agreement.agreementBytes.count
        }.run()
    )

    let groupOpenSSL = try! OpenSSLPrivateKey(algorithm: .x448, rawRepresentation: groupPrivate)
    let expected = try! KeyAgreement.sharedSecret(privateKey: groupOpenSSL, peerPublicKey: ephemeralKey.publicKey)
    let weights = try! ThresholdKey.weights(quorum)
    let check = try! ThresholdKey.combine(
        weights.map { try! ThresholdKey.partial(weight: $0, ephemeral: ephemeral, curve: curve).encoded },
        curve: curve
    )
    precondition(check.agreementBytes == expected.unprotectedBytes, "threshold agreement differs from OpenSSL X448")
    results.append(
        Benchmark(name: "OpenSSL X448 key agreement (same run)", batches: batches, iterationsPerBatch: 10) {
            (try! KeyAgreement.sharedSecret(privateKey: groupOpenSSL, peerPublicKey: ephemeralKey.publicKey)).count
        }.run()
    )
    return results
}
