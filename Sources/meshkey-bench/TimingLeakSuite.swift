import MeshCrypto
import MeshMath

/// `meshkey-bench --dudect [--measurements N]`: the dudect-style timing tests (``TimingLeakTest``) of the
/// secret-handling operations, fixed secret (all zero bytes) against random secrets. Prints one line per
/// operation with its t values; returns whether every max |t| stayed below 4.5.
enum TimingLeakSuite {
    static func run(measurements override: Int?) -> Bool {
        print(
            "meshkey-bench --dudect: Welch t-test, fixed (all-zero) secret vs random secret, classes interleaved at random;"
        )
        print("|t| >= \(TimingLeakReport.threshold) means the two classes take measurably different time")
        var reports: [TimingLeakReport] = []
        func measure<Input>(_ test: TimingLeakTest<Input>, _ defaultCount: Int) {
            let report = test.run(measurements: override ?? defaultCount)
            print(report.line)
            reports.append(report)
        }
        measure(
            scalarTest("X25519 scalar·B (ladder, v recovered)", byteCount: 32) {
                Montgomery.encodeU(Montgomery.multiplyBase(by: $0, curve: .x25519)).count
            },
            100_000
        )
        measure(
            scalarTest("X448 scalar·B (ladder, v recovered)", byteCount: 56) {
                Montgomery.encodeU(Montgomery.multiplyBase(by: $0, curve: .x448)).count
            },
            100_000
        )
        measure(
            scalarTest("Ed25519 scalar·B (ladder)", byteCount: 32) {
                Edwards.encode(Edwards.multiplyBase(by: $0, curve: .ed25519)).count
            },
            100_000
        )
        measure(
            TimingLeakTest<SecureBytes>(
                name: "Shamir split 3-of-5, 32 bytes",
                makeInput: { $0 ? SecureBytes(zeros: 32) : SecureRandom.bytes(32) },
                operation: { (try? ShamirSecretSharing.split(secret: $0, threshold: 3, shareCount: 5))?.count ?? 0 }
            ),
            1_000_000
        )
        // Every input gets its own buffers, fixed ones too: reusing one fixed buffer would keep it in the cache
        // and make the fixed class faster for a reason that has nothing to do with its value.
        measure(
            TimingLeakTest<[ShamirShare]>(
                name: "Shamir recover from 3, 32 bytes",
                makeInput: { fixed in
                    (1...3).map { ShamirShare(x: $0, value: fixed ? SecureBytes(zeros: 32) : SecureRandom.bytes(32)) }
                },
                operation: { shares in
                    guard
                        case .recovered(let secret, _, _)? = try? ShamirRecovery.recover(
                            shares,
                            threshold: 3,
                            byteLength: 32
                        )
                    else { return 0 }
                    return secret.count
                }
            ),
            1_000_000
        )
        // The control: an early-exit comparison (Swift's `==` on arrays) of a 1 KiB secret with the fixed
        // value, which stops at the first differing byte. Its time depends on the secret, and the test must
        // say so; otherwise it could not see a leak on this machine either.
        let fixedKilobyte = [UInt8](repeating: 0, count: 1024)
        let control = TimingLeakTest<[UInt8]>(
            name: "control: early-exit compare of 1 KiB",
            makeInput: { $0 ? fixedKilobyte : SecureRandom.bytes(1024).unprotectedBytes },
            operation: { $0 == fixedKilobyte ? 1 : 2 }
        ).run(measurements: override ?? 200_000)
        print(
            control.line
                + (control.passed ? "  <- the control's leak was NOT detected" : "  <- the deliberate leak, detected")
        )
        return reports.allSatisfy(\.passed) && !control.passed
    }

    /// A scalar multiplication by a fixed (all-zero) or random scalar of `byteCount` bytes.
    static func scalarTest(
        _ name: String,
        byteCount: Int,
        _ operation: @escaping (SecureBytes) -> Int
    )
        -> TimingLeakTest<SecureBytes>
    {
        TimingLeakTest(
            name: name,
            makeInput: { $0 ? SecureBytes(zeros: byteCount) : SecureRandom.bytes(byteCount) },
            operation: operation
        )
    }
}
