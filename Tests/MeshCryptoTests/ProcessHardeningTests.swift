import MeshCrypto
import Testing

#if canImport(Glibc)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#endif

/// ProcessHardening (item 8). `apply()` cannot be undone (the hard core limit stays 0), so it runs
/// in a forked child, which reports through its exit status; the test process itself stays as it was
/// (other tests start processes that must inherit its limits).
@Suite struct ProcessHardeningTests {
    #if os(Linux)
    @Test func applyMakesTheProcessNonDumpableWithoutCoreFiles() throws {
        // Before: this process is dumpable (the control).
        #expect(ProcessHardening.isDumpable == true)
        let child = fork()
        if child == 0 {
            // Only system calls here (no allocation): bit 0 apply failed, bit 1 still dumpable, bit 2 core
            // limits not 0/0, bit 3 a second apply failed.
            var status: Int32 = 0
            do { try ProcessHardening.apply() } catch { status |= 1 }
            if ProcessHardening.isDumpable != false { status |= 2 }
            if let limits = ProcessHardening.coreFileLimits {
                if limits.soft != 0 || limits.hard != 0 { status |= 4 }
            } else {
                status |= 4
            }
            do { try ProcessHardening.apply() } catch { status |= 8 }
            _exit(status)
        }
        #expect(child > 0)
        var status: Int32 = 0
        #expect(waitpid(child, &status, 0) == child)
        #expect(status & 0x7F == 0, "the child was killed by signal \(status & 0x7F)")
        #expect(
            (status >> 8) & 0xFF == 0,
            "child report \((status >> 8) & 0xFF): 1 apply failed, 2 dumpable, 4 core limits, 8 second apply"
        )
        // The test process is unchanged.
        #expect(ProcessHardening.isDumpable == true)
    }
    #endif
}
