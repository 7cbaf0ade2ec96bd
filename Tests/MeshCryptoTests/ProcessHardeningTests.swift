import MeshCrypto
import Testing

/// ProcessHardening (issue 12, item 8). This changes the test process itself: it becomes non-dumpable and
/// can no longer write core files, which no other test needs.
@Suite struct ProcessHardeningTests {
    #if os(Linux)
    @Test func applyMakesTheProcessNonDumpableWithoutCoreFiles() throws {
        try ProcessHardening.apply()
        #expect(ProcessHardening.isDumpable == false)
        let limits = try #require(ProcessHardening.coreFileLimits)
        #expect(limits.soft == 0 && limits.hard == 0)
        // Idempotent: a second call succeeds (the hard limit is already 0).
        try ProcessHardening.apply()
        #expect(ProcessHardening.isDumpable == false)
    }
    #endif
}
