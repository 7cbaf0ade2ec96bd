import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import MeshMath
import MeshUDF

/// `share_parse_recover`: share sets through `ShareSet.parse` and `recover`.
///
/// The first byte picks the mode. Even: the rest is text, one share per line, checked against the parse
/// rules and the recovery promises. Odd: the rest describes a split (secret length, threshold, secret,
/// coefficients) of which all 16 shares are computed, a subset chosen, and up to four mutations applied
/// (flipped value bits, changed x or threshold, dropped, repeated or swapped shares, typed characters).
/// Knowing which shares are off the polynomial, the outcome is checked exactly: a set with no bad share
/// recovers the secret; one with at least `threshold` good shares and a bad one is refused; one with
/// n ≥ threshold + 2·bad names exactly the bad shares.
enum ShareFuzz {
    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        var reader = FuzzInput(input)
        if reader.byte() & 1 == 0 {
            let text = String(decoding: reader.rest(), as: UTF8.self)
            let texts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let set = try parse(texts) else { return }
            _ = try recover(set)
        } else {
            try checkSplit(&reader)
        }
    }

    // MARK: Parsing

    /// `ShareSet.parse`, checked against parsing every string alone and the set rules; nil when refused.
    static func parse(_ texts: [String]) throws(FuzzFailure) -> ShareSet? {
        let outcome = Result { () throws(ShareError) in try ShareSet.parse(texts) }
        var shares: [ShareUDF] = []
        for (index, text) in texts.enumerated() {
            do {
                shares.append(try ShareUDF.parse(text))
            } catch {
                try expect(
                    outcome.error?.code.name == error.code.name && outcome.error?.share?.position == index + 1,
                    "share \(index + 1) is refused alone (\(error.code)) but the set gives \(outcome.error?.description ?? "no error")"
                )
                return nil
            }
        }
        let expected: ShareError.Code? =
            shares.isEmpty
            ? .insufficientShares
            : Set(shares.map(\.threshold)).count > 1
                ? .mixedThreshold
                : Set(shares.map(\.secretLength)).count > 1
                    ? .mixedLength
                    : Set(shares.map(\.x)).count < shares.count
                        ? .duplicateShare
                        : shares.count < shares[0].threshold ? .insufficientShares : nil
        try expect(
            outcome.error?.code == expected,
            "the set gave \(outcome.error?.code.name ?? "success"), the rules \(expected?.name ?? "success")"
        )
        guard case .success(let set) = outcome else { return nil }
        try expect(
            set.shares == shares && set.threshold == shares[0].threshold && set.secretLength == shares[0].secretLength,
            "the parsed set does not hold the shares given"
        )
        return set
    }

    // MARK: Recovery

    /// `recover`, checked against what holds for any set: a recovered secret has the set's length and is
    /// what other subsets give; named bad shares, once removed, leave a set that recovers.
    static func recover(_ set: ShareSet) throws(FuzzFailure) -> Result<RecoveredSecret, ShareError> {
        let outcome = Result { () throws(ShareError) in try set.recover() }
        let n = set.shares.count
        let t = set.threshold
        switch outcome {
        case .success(let recovered):
            try expect(
                recovered.secret.count == set.secretLength && recovered.threshold == t,
                "the recovered secret has the wrong length or threshold"
            )
            try expect(
                recovered.usedX == set.shares.prefix(t).map(\.x)
                    && recovered.checkedX == set.shares.dropFirst(t).map(\.x),
                "usedX / checkedX do not list the shares used and checked"
            )
            if n > t {
                // Every share lies on the polynomial: the last `threshold` shares give the same secret.
                let last = try? ShareSet(validating: Array(set.shares.suffix(t))).recover()
                try expect(
                    last?.secret == recovered.secret,
                    "another subset of a consistent set recovers another secret"
                )
            }
        case .failure(let error):
            try expect(error.code == .inconsistentShares, "a valid set was refused with \(error.code)")
            let culprits = error.culprits.map(\.position)
            try expect(
                culprits.isEmpty || n >= t + 2 * culprits.count,
                "bad shares were named without enough surplus shares"
            )
            try expect(
                Set(culprits).count == culprits.count && culprits.allSatisfy { (1...n).contains($0) }
                    && error.culprits.allSatisfy { $0.x == set.shares[$0.position - 1].x },
                "the named bad shares are not shares of the set"
            )
            if !culprits.isEmpty {
                let rest = set.shares.enumerated().filter { !culprits.contains($0.offset + 1) }.map(\.element)
                let again = try? ShareSet(validating: rest).recover()
                try expect(again != nil, "without the named bad shares the set still does not recover")
            }
        }
        return outcome
    }

    // MARK: Splits with mutations

    static func checkSplit(_ reader: inout FuzzInput) throws(FuzzFailure) {
        let length = reader.number(in: 1...64)
        let threshold = reader.number(in: 1...15)
        let secret = SecureBytes(reader.bytes(length))
        let coefficients = (1..<threshold).map { _ in SecureBytes(reader.bytes(length)) }
        // f(1) … f(16): every x a share can carry, so that any share can be judged good or bad.
        guard let points = try? ShamirSecretSharing.split(secret: secret, shareCount: 16, coefficients: coefficients)
        else { return }
        let values = Dictionary(uniqueKeysWithValues: points.map { ($0.x, $0.value) })
        let mask = Int(reader.byte()) << 8 | Int(reader.byte())
        var xs = (1...16).filter { mask & (1 << ($0 - 1)) != 0 }
        if xs.isEmpty { xs = Array(1...threshold) }
        var texts = xs.map { ShareUDF(threshold: threshold, x: $0, value: values[$0]!).text }
        for _ in 0..<reader.number(in: 0...4) { mutate(&texts, &reader) }

        guard let set = try parse(texts), set.threshold == threshold, set.secretLength == length else { return }
        let bad = set.shares.enumerated().filter { values[$0.element.x] != $0.element.value }.map { $0.offset + 1 }
        let n = set.shares.count
        let outcome = try recover(set)
        if bad.isEmpty {
            try expect((try? outcome.get())?.secret == secret, "a set of good shares does not recover the secret")
        } else if n - bad.count >= threshold {
            try expect(
                outcome.error != nil,
                "\(bad.count) bad share(s) among \(n) (threshold \(threshold)) were not detected"
            )
            if n >= threshold + 2 * bad.count {
                // Within the unique-decoding radius the bad shares are named, unless the search stopped at its limit.
                let named = outcome.error?.culprits.map(\.position) ?? []
                let searchFits = (1...bad.count).reduce(0) { $0 + binomial(n, $1) } <= ShamirRecovery.culpritSearchLimit
                try expect(
                    named == bad || (!searchFits && named.isEmpty),
                    "the bad shares \(bad) were named as \(named)"
                )
            }
        }
    }

    /// n choose k.
    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        return (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }

    /// One mutation of the share list, described by four input bytes.
    static func mutate(_ texts: inout [String], _ reader: inout FuzzInput) {
        let kind = reader.number(in: 0...6)
        let a = Int(reader.byte())
        let b = Int(reader.byte())
        let c = reader.byte()
        guard !texts.isEmpty else { return }
        let index = a % texts.count
        func editBinary(_ edit: (inout [UInt8]) -> Void) {
            guard var binary = try? Base32.decode(texts[index]), binary.count >= 3 else { return }
            edit(&binary)
            texts[index] = Base32.encode(binary)
        }
        switch kind {
        case 0: editBinary { $0[2 + b % ($0.count - 2)] ^= c | 1 }
        case 1: editBinary { $0[1] = $0[1] & 0xF0 | c & 0x0F }
        case 2: editBinary { $0[1] = UInt8(1 + Int(c) % 15) << 4 | $0[1] & 0x0F }
        case 3: texts.remove(at: index)
        case 4: texts.append(texts[index])
        case 5:
            var characters = Array(texts[index])
            guard !characters.isEmpty else { return }
            characters[b % characters.count] = UDFFuzz.alphabet[Int(c) % 32]
            texts[index] = String(characters)
        default: texts.swapAt(index, b % texts.count)
        }
    }

    // MARK: Seeds

    /// The share lists of the vectors as text, and splits with and without mutations.
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for vector in vectors.vectors {
            guard let shares = vector.input["shares"]?.arrayValue?.compactMap(\.stringValue), !shares.isEmpty else {
                continue
            }
            seeds.append([0] + Array(shares.joined(separator: "\n").utf8))
        }
        // Splits: secret length, threshold, then secret and coefficient bytes, the x mask, mutations.
        let filler = (0..<1200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for (length, threshold, mask, mutations) in [
            (1, 2, [0x00, 0x07], [UInt8]()), (16, 3, [0x00, 0x1F], [1, 0, 2, 5, 1]),
            (32, 3, [0x00, 0x7F], [2, 0, 0, 3, 9, 0, 5, 2, 4]),
            (64, 5, [0xFF, 0xFF], [4, 0, 1, 0, 1, 6, 2, 3, 4, 0, 4, 0, 5, 3, 3]),
            (20, 15, [0x7F, 0xFF], [1, 3, 0, 1, 2]),
        ] {
            var seed: [UInt8] = [1, UInt8(length - 1), UInt8(threshold - 1)]
            seed += filler.prefix(length * threshold)
            seed += mask.map(UInt8.init) + mutations
            seeds.append(seed)
        }
        return seeds
    }
}
