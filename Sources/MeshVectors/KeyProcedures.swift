import MeshCrypto
import MeshEscrow
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF

/// Procedures for `derive_key` and `escrow_seed`.
enum KeyProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "derive_key": (derive, []),
        "escrow_seed": (escrow, []),
    ]

    static func curve(_ name: String) throws -> KeyAlgorithm {
        guard let curve = KeyAlgorithm(rawValue: name) else { throw VectorFailure("unknown algorithm \(name)") }
        return curve
    }

    static func derive(_ check: VectorCheck) throws {
        let seed = try SeedUDF.parse(check.string("seed_udf"))
        let key = try DerivedKey(seed: seed, keyName: check.string("key_name"), curve: curve(check.string("algorithm")))
        try check.expectHex("info_hex", key.info)
        try check.expectHex("okm_hex", key.okm.unprotectedBytes)
        try check.expectHex("private_hex", key.privateKey.unprotectedBytes)
        try check.expectHex("public_hex", key.publicKey)
        if key.curve == .x25519 || key.curve == .x448 || check.hasExpected("public_ext_hex") {
            try check.expectHex("public_ext_hex", key.publicKeyExtended)
        }
        try check.expect("key_udf", key.udf)
    }

    static func escrow(_ check: VectorCheck) throws {
        let recovered = try ShareSet.parse(check.strings("shares")).recover()
        let profile = try MeshProfile(recoveredSecret: recovered.secret)
        try check.expectHex("seed_hex", profile.seed.binary.unprotectedBytes)
        try check.expect("seed_udf", profile.seed.text)
        guard case .array(let expectedKeys) = try check.expected("keys") else {
            throw VectorFailure("expected \"keys\" is not an array")
        }
        guard expectedKeys.count == profile.keys.count else {
            throw VectorFailure("keys: computed \(profile.keys.count), expected \(expectedKeys.count)")
        }
        for (index, (item, derived)) in zip(expectedKeys, profile.keys).enumerated() {
            guard case .object(let fields) = item else { throw VectorFailure("keys[\(index)] is not an object") }
            let key = derived.key
            var computed = keyFields(key)
            computed["role"] = derived.role.rawValue
            for (name, value) in fields {
                guard case .string(let want) = value else {
                    throw VectorFailure("keys[\(index)].\(name) is not a string")
                }
                guard let have = computed[name] else {
                    throw VectorFailure("the runner cannot produce keys[\(index)].\(name)")
                }
                guard have == want else {
                    throw VectorFailure("keys[\(index)].\(name): computed \(have), expected \(want)")
                }
            }
            for name in computed.keys where fields[name] == nil && name != "public_ext_hex" {
                throw VectorFailure("keys[\(index)] lacks \(name)")
            }
        }
        try check.expect("profile_udf", profile.udf)
    }

    /// The `derive_key` fields of a derived key.
    static func keyFields(_ key: DerivedKey) -> [String: String] {
        var fields: [String: String] = [
            "key_name": key.keyName,
            "algorithm": key.curve.rawValue,
            "info_hex": HexCoding.encode(key.info),
            "okm_hex": HexCoding.encode(key.okm.unprotectedBytes),
            "private_hex": HexCoding.encode(key.privateKey.unprotectedBytes),
            "public_hex": HexCoding.encode(key.publicKey),
            "key_udf": key.udf,
        ]
        if !key.curve.isEdwards { fields["public_ext_hex"] = HexCoding.encode(key.publicKeyExtended) }
        return fields
    }
}
