import MeshCrypto
import Synchronization
import Testing

/// Verdicts observed by the test's observer (the observer is a C function pointer, so it counts in a global).
private let observed = Atomic<Int>(0)

@Suite struct SecretVerdictTests {
    @Test func revealReturnsTheVerdictAndPassesItToTheObserver() {
        #expect(SecretVerdict.reveal(true))
        #expect(!SecretVerdict.reveal(false))
        // The observer stays installed for the rest of the test process; it only counts.
        SecretVerdict.installObserver { address, count in
            precondition(count == 1, "a verdict is one Bool")
            _ = address.load(as: UInt8.self)
            observed.add(1, ordering: .relaxed)
        }
        let before = observed.load(ordering: .relaxed)
        #expect(SecretVerdict.reveal(true))
        #expect(!SecretVerdict.reveal(false))
        #expect(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(observed.load(ordering: .relaxed) >= before + 4)
    }
}
