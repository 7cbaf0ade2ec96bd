internal import CGMP
import MeshCrypto
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GMP's memory functions, replaced so that every block GMP frees or moves is wiped first.
///
/// GMP calls these for all `mpz` storage and for large temporaries. The replacement is process-wide and
/// must be installed before the first GMP allocation; every GMP-owning type in this module touches
/// ``GMPAllocator/install()`` in its initialiser, which runs the installation exactly once.
enum GMPAllocator {
    /// Bytes wiped so far by the free and reallocate hooks (a test hook: it lets the tests check that
    /// wiping really happens).
    static let wipedBytes = Atomic<Int>(0)

    private static let installed: Void = {
        __gmp_set_memory_functions(
            { size in malloc(size) },
            { old, oldSize, newSize in
                // GMP's default realloc may move the block and leave the old limbs behind: copy, wipe, free.
                guard let fresh = malloc(newSize) else { return nil }
                if let old {
                    memcpy(fresh, old, min(oldSize, newSize))
                    SecureMemory.wipe(old, count: oldSize)
                    GMPAllocator.wipedBytes.add(oldSize, ordering: .relaxed)
                    free(old)
                }
                return fresh
            },
            { pointer, size in
                guard let pointer else { return }
                SecureMemory.wipe(pointer, count: size)
                GMPAllocator.wipedBytes.add(size, ordering: .relaxed)
                free(pointer)
            }
        )
    }()

    /// Installs the wiping allocator (once per process; later calls do nothing).
    @inline(__always)
    static func install() { _ = installed }
}
