internal import CGMP
import MeshCrypto

/// The group in which the Feldman commitments of a share set live: the order-p subgroup of the integers
/// modulo a 3072-bit prime q = 2·r·p + 1, where p is the Shamir prime of the set (p = 2^(8L) + offset[L]), so
/// that the unchanged Mesh share values verify: g^f(x) = ∏ A_j^(x^j) mod q.
///
/// Nothing up the sleeve: for each secret length L, r comes from a counter search over SHAKE256 of a
/// published label and g from a hash of another label (the derivation is in Docs/formats.md, "Share
/// commitments"). The first counter that gives a prime q (and a g ≠ 1) is tabulated in ``derivedCounters``;
/// the test suite repeats the search and re-derives q and g with plain `mpz` arithmetic.
///
/// Only L = 32 … 64 get a group: A_0 = g^secret falls to Pollard's rho in about 2^(4L) steps in an order-p
/// group, so shorter secrets would be easier to find from the document than from the shares.
public final class SchnorrGroup: Sendable {
    /// Bits of q (index calculus in the field costs about 2^128 at this size).
    public static let modulusBits = 3072
    /// The label every hash input starts with.
    public static let label = "meshkey share commitments v1"
    /// Secret lengths that get a group (Feldman commitments are at least 128-bit hard only from L = 32 on).
    public static let lengths = 32...64
    /// Limbs of q.
    static let limbCount = modulusBits / 64

    /// Secret length L.
    public let byteLength: Int
    /// The counter of the hash that gave r (q = 2·r·p + 1 prime) and the one that gave g.
    public let modulusCounter: Int
    public let generatorCounter: Int
    /// q, g and the Shamir prime p, big-endian (q and g 384 bytes).
    public let modulus: [UInt8]
    public let generator: [UInt8]
    public let order: [UInt8]
    let modulusLimbs: [UInt]
    let generatorLimbs: [UInt]

    /// The parameter identifier written into commitment documents.
    public var identifier: String { "feldman-q\(Self.modulusBits)-L\(byteLength)-v1" }

    /// The group for L-byte secrets, or nil when L is outside ``lengths``. Built from the tabulated counters
    /// (one hash, one multiplication, one exponentiation) and cached.
    public static func group(byteLength: Int) -> SchnorrGroup? {
        guard lengths.contains(byteLength) else { return nil }
        return cache.value(for: byteLength) {
            let counters = derivedCounters[byteLength - lengths.lowerBound]
            return SchnorrGroup(byteLength: byteLength, modulusCounter: counters.0, generatorCounter: counters.1)
        }
    }

    /// The group with the given identifier (as ``identifier`` writes it), or nil.
    public static func group(identifier: String) -> SchnorrGroup? {
        for length in lengths where "feldman-q\(modulusBits)-L\(length)-v1" == identifier {
            return group(byteLength: length)
        }
        return nil
    }

    private static let cache = SynchronizedCache<Int, SchnorrGroup>()

    private init(byteLength: Int, modulusCounter: Int, generatorCounter: Int) {
        self.byteLength = byteLength
        self.modulusCounter = modulusCounter
        self.generatorCounter = generatorCounter
        let q = Self.modulusCandidate(byteLength: byteLength, counter: modulusCounter)
        precondition(q.bitWidth == Self.modulusBits, "the tabulated counter does not give a \(Self.modulusBits)-bit q")
        let g = Self.generatorCandidate(byteLength: byteLength, counter: generatorCounter, modulus: q)
        precondition(g != GMPInteger(1), "the tabulated counter gives g = 1")
        let byteCount = Self.modulusBits / 8
        modulus = q.bigEndianBytes(count: byteCount)!
        generator = g.bigEndianBytes(count: byteCount)!
        let p = ShamirPrime.prime(byteLength: byteLength)
        order = p.bigEndianBytes(count: (p.bitWidth + 7) / 8)!
        modulusLimbs = q.limbs(count: Self.limbCount)!
        generatorLimbs = g.limbs(count: Self.limbCount)!
    }

    var q: GMPInteger { GMPInteger(bigEndian: modulus) }
    var g: GMPInteger { GMPInteger(bigEndian: generator) }

    // MARK: Derivation

    /// The hash input for a counter: "meshkey share commitments v1|<what>|L=<L>|<counter>" in UTF-8.
    public static func hashInput(_ what: String, byteLength: Int, counter: Int) -> [UInt8] {
        Array("\(label)|\(what)|L=\(byteLength)|\(counter)".utf8)
    }

    /// Bits of r: q = 2·r·p + 1 with p of 8L + 1 bits has `modulusBits` bits when r has this many and its top
    /// bit is set.
    public static func cofactorBits(byteLength: Int) -> Int { modulusBits - 8 * byteLength - 1 }

    /// q for a counter: r = (SHAKE256(hashInput("q", L, counter)) as a big-endian integer of ⌈rbits/8⌉
    /// bytes, mod 2^(rbits−1)) + 2^(rbits−1); q = 2·r·p + 1. Prime for the tabulated counter only.
    public static func modulusCandidate(byteLength: Int, counter: Int) -> GMPInteger {
        let rbits = cofactorBits(byteLength: byteLength)
        let hash = Digest.shake256(
            hashInput("q", byteLength: byteLength, counter: counter),
            outputCount: (rbits + 7) / 8
        )
        let top = GMPInteger.powerOfTwo(rbits - 1)
        let r = GMPInteger(bigEndian: hash).modulo(top) + top
        let twoP = ShamirPrime.prime(byteLength: byteLength)
        twoP.multiply(by: 2)
        return r * twoP + GMPInteger(1)
    }

    /// g for a counter: h = SHAKE256(hashInput("g", L, counter)) as a big-endian integer of 400 bytes, mod q;
    /// g = h^((q−1)/p) = h^(2r) mod q. Usable when g ≠ 1 (then g has order p).
    public static func generatorCandidate(byteLength: Int, counter: Int, modulus q: GMPInteger) -> GMPInteger {
        let hash = Digest.shake256(
            hashInput("g", byteLength: byteLength, counter: counter),
            outputCount: modulusBits / 8 + 16
        )
        let h = GMPInteger(bigEndian: hash).modulo(q)
        let exponent = (q - GMPInteger(1)).dividing(by: ShamirPrime.prime(byteLength: byteLength))
        return h.raised(to: exponent, modulo: q)
    }

    /// The search the table records: the first counter from 0 whose q is a `modulusBits`-bit probable prime,
    /// then the first whose g is not 1. Slow (seconds per length); for tests and for regenerating the table.
    public static func search(byteLength: Int) -> (modulusCounter: Int, generatorCounter: Int) {
        var counter = 0
        var q = modulusCandidate(byteLength: byteLength, counter: counter)
        while !(q.bitWidth == modulusBits && q.isProbablePrime) {
            counter += 1
            q = modulusCandidate(byteLength: byteLength, counter: counter)
        }
        var generatorCounter = 0
        while generatorCandidate(byteLength: byteLength, counter: generatorCounter, modulus: q) == GMPInteger(1) {
            generatorCounter += 1
        }
        return (counter, generatorCounter)
    }

    // MARK: Exponentiation

    /// g^e mod q for a secret exponent of `exponentLimbs` limbs (every limb counts, so the time depends only on
    /// the count), with GMP's `mpn_sec_powm` — the fixed-limb routine behind `mpz_powm_sec`. Returns q's
    /// 384-byte big-endian encoding.
    func securePowerOfGenerator(exponent: UnsafePointer<UInt>, exponentLimbs: Int) -> [UInt8] {
        let n = Self.limbCount
        let bits = exponentLimbs * 64
        let scratchCount = Int(__gmpn_sec_powm_itch(n, mp_bitcnt_t(bits), n))
        let work = SecretLimbs(count: n + scratchCount)
        modulusLimbs.withUnsafeBufferPointer { m in
            generatorLimbs.withUnsafeBufferPointer { b in
                __gmpn_sec_powm(
                    work.slot(0),
                    b.baseAddress!,
                    n,
                    exponent,
                    mp_bitcnt_t(bits),
                    m.baseAddress!,
                    n,
                    work.slot(n)
                )
            }
        }
        var bytes = [UInt8](repeating: 0, count: Self.modulusBits / 8)
        bytes.withUnsafeMutableBytes { SecretField.store(work.slot(0), limbs: n, bigEndian: $0) }
        return bytes
    }
}
