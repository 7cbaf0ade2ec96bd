import Synchronization

/// A yes/no answer computed from secret values that the code then acts on openly: "the two values are
/// equal", "the share value fits in L bytes", "the sum is the neutral element".
///
/// The constant-time code computes such an answer without branching or indexing on the secrets, then
/// returns it, throws on it or tries again. The answer itself is public by design: the caller learns it
/// anyway (an error, a refused point, a retry). ``reveal(_:)`` marks the place where that happens.
///
/// Normally `reveal` returns its argument. A constant-time checker (`meshkey-ct` under valgrind's
/// memcheck, `make ct`) installs an observer that marks the answer as public, so that memcheck reports
/// only the branches and memory indices that depend on secrets without such a deliberate verdict.
public enum SecretVerdict {
    /// Called with the address and size of a verdict just before the code acts on it. It must not change
    /// the bytes.
    public typealias Observer = @convention(c) (UnsafeMutableRawPointer, Int) -> Void

    /// The observer's function pointer as an integer; 0 when none is installed.
    private static let observer = Atomic<UInt>(0)

    /// Installs `observer` for the rest of the process (for checkers; not for ordinary use).
    public static func installObserver(_ observer: Observer) {
        Self.observer.store(unsafeBitCast(observer, to: UInt.self), ordering: .releasing)
    }

    /// `verdict`, which the caller may now branch on (see the type's description).
    @inline(__always)
    public static func reveal(_ verdict: Bool) -> Bool {
        let installed = observer.load(ordering: .acquiring)
        guard installed != 0 else { return verdict }
        return reveal(verdict, to: unsafeBitCast(installed, to: Observer.self))
    }

    /// Passes the verdict to the observer in memory and reads it back from there, so that the checker's
    /// marking applies to the value the caller uses.
    @inline(never)
    private static func reveal(_ verdict: Bool, to observer: Observer) -> Bool {
        var flag = verdict
        withUnsafeMutableBytes(of: &flag) { observer($0.baseAddress!, $0.count) }
        return flag
    }
}
