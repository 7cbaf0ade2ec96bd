import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two functions libFuzzer calls, for the thin executables of the Fuzz/ package.
public enum FuzzDriver {
    /// `LLVMFuzzerInitialize`. With `MESHKEY_FUZZ_SEEDS=<folder>` (and `MESHKEY_FUZZ_VECTORS=<Vectors folder>`,
    /// default `Vectors`) it writes the target's seeds into the folder, one file each named by its SHA-256,
    /// and exits; otherwise it does nothing.
    public static func initialize(_ target: FuzzTarget) {
        guard let folder = getenv("MESHKEY_FUZZ_SEEDS").map({ String(cString: $0) }) else { return }
        let vectors = getenv("MESHKEY_FUZZ_VECTORS").map { String(cString: $0) } ?? "Vectors"
        let seeds = target.seeds(vectorsDirectory: vectors)
        for seed in seeds {
            let name = folder + "/seed-" + Hex.encode(Digest.hash(.sha256, seed).prefix(12))
            FuzzFiles.write(seed, to: name)
        }
        print("\(target.rawValue): \(seeds.count) seeds written to \(folder)")
        exit(seeds.isEmpty ? 1 : 0)
    }

    /// `LLVMFuzzerTestOneInput`: runs the input and stops the process on a broken promise, so that
    /// libFuzzer keeps the input as a crash.
    public static func testOneInput(_ target: FuzzTarget, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do { try target.run(input) } catch { fatalError("\(target.rawValue): \(error)") }
        return 0
    }
}
