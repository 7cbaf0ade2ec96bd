/// Comparing UDFs and `kid`s by their bytes. Swift's `==` on `String` compares by canonical equivalence, so
/// "K" (U+004B) equals KELVIN SIGN (U+212A) and a precomposed letter equals its decomposed form: a UDF or
/// `kid` with such a character would pass a check it must fail. UDFs are ASCII (Base32 letters, digits and
/// dashes), so every comparison here is on UTF-8 bytes, and a given UDF with any other character is not a UDF.
public enum UDFMatch {
    /// Whether `a` and `b` are the same bytes (no canonical equivalence, no case folding).
    public static func identical(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// The bytes of a presented UDF, upper case, without dashes and spaces; nil when it holds anything but
    /// ASCII letters, digits, dashes and spaces.
    public static func normalized(_ udf: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(udf.utf8.count)
        for byte in udf.utf8 {
            switch byte {
            case 0x2D, 0x20: continue
            case 0x61...0x7A: out.append(byte - 0x20)
            case 0x41...0x5A, 0x30...0x39: out.append(byte)
            default: return nil
            }
        }
        return out
    }

    /// Whether the presented UDF `given` (any case, with or without dashes) names `actual`: the same bytes
    /// after ``normalized(_:)``. A `given` with a character outside ASCII letters, digits and dashes never
    /// matches.
    public static func same(_ given: String, _ actual: String) -> Bool {
        guard let given = normalized(given), let actual = normalized(actual) else { return false }
        return given == actual
    }

    /// Like ``same(_:_:)``, but a shorter `given` of at least `minimumPrefix` characters (without dashes)
    /// matches as a prefix (a UDF presented at a lower precision).
    public static func matches(_ given: String, _ actual: String, minimumPrefix: Int = 16) -> Bool {
        guard let given = normalized(given), let actual = normalized(actual) else { return false }
        return given == actual || (given.count >= minimumPrefix && actual.starts(with: given))
    }
}
