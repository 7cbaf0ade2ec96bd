/// Comparisons whose running time does not depend on the bytes compared. Only the answer is revealed
/// (``SecretVerdict``).
public enum ConstantTime {
    /// Whether two buffers hold the same bytes. Only the lengths may influence the running time.
    public static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<a.count { difference |= a[index] ^ b[index] }
        return SecretVerdict.reveal(difference == 0)
    }

    public static func equal<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return SecretVerdict.reveal(difference == 0)
    }
}
