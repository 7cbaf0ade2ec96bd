import MeshCrypto
import MeshEscrow
import MeshJSON
import MeshMath
import MeshUDF

/// Procedures for the `shamir` suite and `share_reject`.
enum ShamirProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "shamir_prime": (prime, []),
        "shamir_split": (split, []),
        "shamir_recover": (recover, []),
        "share_reject": (reject, []),
    ]

    /// Subsets checked per vector at most (the format promises at most a few thousand).
    static let subsetLimit = 20_000

    static func prime(_ check: VectorCheck) throws {
        let length = try check.int("secret_length")
        guard ShareUDF.secretLengths.contains(length) else { throw VectorFailure("secret_length must be 1–64") }
        try check.expect("offset", ShamirPrime.offset(byteLength: length))
        try check.expect("prime_dec", ShamirPrime.prime(byteLength: length).decimalString)
    }

    static func split(_ check: VectorCheck) throws {
        let secret = SecureBytes(try check.hex("secret_hex"))
        let threshold = try check.int("threshold")
        let count = try check.int("share_count")
        guard ShareUDF.secretLengths.contains(secret.count), ShareUDF.thresholds.contains(threshold),
            ShareUDF.xValues.contains(count)
        else {
            throw VectorFailure("outside the share format: secrets of 1–64 bytes, thresholds 1–15, at most 16 shares")
        }
        let coefficients = try check.strings("coefficients_dec").map { text -> SecureBytes in
            guard let value = GMPInteger(decimal: text),
                let bytes = value.bigEndianBytes(count: Swift.max(1, (value.bitWidth + 7) / 8))
            else {
                throw VectorFailure("coefficient \(text) is not an unsigned decimal")
            }
            return SecureBytes(bytes)
        }
        guard coefficients.count == threshold - 1 else {
            throw VectorFailure("\(coefficients.count) coefficients for threshold \(threshold)")
        }
        let points = try ShamirSecretSharing.split(secret: secret, shareCount: count, coefficients: coefficients)
        try check.expect("prime_offset", ShamirPrime.offset(byteLength: secret.count))
        try check.expect(
            "share_values_dec",
            points.map { GMPInteger(bigEndian: $0.value.unprotectedBytes).decimalString }
        )
        let shares = points.map { ShareUDF(threshold: threshold, x: $0.x, value: $0.value) }
        try check.expect("share_bytes_hex", shares.map { HexCoding.encode($0.binary.unprotectedBytes) })
        let texts = shares.map(\.text)
        try check.expect("shares", texts)
        try recoverEverySubset(texts, threshold: threshold, secret: secret)
    }

    static func recover(_ check: VectorCheck) throws {
        let texts = try check.strings("shares")
        let set = try ShareSet.parse(texts)
        let recovered = try set.recover()
        try check.expect("threshold", recovered.threshold)
        try check.expectHex("secret_hex", recovered.secret.unprotectedBytes)
        try check.expect("secret_base32", recovered.text)
        try recoverEverySubset(texts, threshold: set.threshold, secret: recovered.secret)
    }

    static func reject(_ check: VectorCheck) throws {
        guard case .string(let want) = try check.expected("error") else {
            throw VectorFailure("expected \"error\" is not a string")
        }
        do {
            let set = try ShareSet.parse(try check.strings("shares"))
            _ = try set.recover()
        } catch let error as ShareError {
            guard error.code.name == want else {
                throw VectorFailure("rejected with \(error.code.name), expected \(want)")
            }
            return
        }
        throw VectorFailure("accepted, expected \(want)")
    }

    /// Recovers from every threshold-sized subset and compares with `secret`.
    static func recoverEverySubset(_ texts: [String], threshold: Int, secret: SecureBytes) throws {
        var tried = 0
        var failure: VectorFailure?
        forEachSubset(of: texts.count, size: threshold) { indices in
            tried += 1
            if tried > subsetLimit { return false }
            do {
                let recovered = try ShareSet.parse(indices.map { texts[$0] }).recover()
                if recovered.secret != secret {
                    failure = VectorFailure("subset \(indices.map { $0 + 1 }) recovers a different secret")
                    return false
                }
            } catch {
                failure = VectorFailure("subset \(indices.map { $0 + 1 }): \(error)")
                return false
            }
            return true
        }
        if let failure { throw failure }
    }

    static func forEachSubset(of n: Int, size k: Int, _ body: ([Int]) -> Bool) {
        guard k >= 1, k <= n else { return }
        var indices = Array(0..<k)
        while body(indices) {
            var position = k - 1
            while position >= 0 && indices[position] == n - k + position { position -= 1 }
            if position < 0 { return }
            indices[position] += 1
            for next in (position + 1)..<k { indices[next] = indices[next - 1] + 1 }
        }
    }
}
