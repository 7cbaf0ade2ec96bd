import MeshCrypto
import MeshDevice
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF

/// Procedures for `derive_device` and `activation_account` (vectors README §5.18–5.19), run on MeshDevice's
/// ``DeviceKeys`` and ``ActivationKeys`` (which reuse MeshKeys' DerivedKey and KeyOverlay). Every expected
/// field is compared; unknown input fields fail the vector.
enum DeviceProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "derive_device": (deriveDevice, []),
        "activation_account": (activationAccount, []),
    ]

    /// Compares `expected["keys"]` (an array of objects) with the computed field sets: every expected field
    /// must be computed and equal, and every computed field must be expected.
    static func compareKeys(_ check: VectorCheck, _ computed: [[String: String]]) throws {
        guard case .array(let expectedKeys) = try check.expected("keys") else {
            throw VectorFailure("expected \"keys\" is not an array")
        }
        guard expectedKeys.count == computed.count else {
            throw VectorFailure("keys: computed \(computed.count), expected \(expectedKeys.count)")
        }
        for (index, (item, have)) in zip(expectedKeys, computed).enumerated() {
            guard case .object(let fields) = item else { throw VectorFailure("keys[\(index)] is not an object") }
            for (name, value) in fields {
                guard case .string(let want) = value else {
                    throw VectorFailure("keys[\(index)].\(name) is not a string")
                }
                guard let mine = have[name] else {
                    throw VectorFailure("the runner cannot produce keys[\(index)].\(name)")
                }
                guard mine == want else {
                    throw VectorFailure("keys[\(index)].\(name): computed \(mine), expected \(want)")
                }
            }
            if let missing = Set(have.keys).subtracting(fields.keys).sorted().first {
                throw VectorFailure("keys[\(index)] lacks \(missing)")
            }
        }
    }

    static func deviceKeys(_ text: String) throws -> DeviceKeys {
        let seed = try SeedUDF.parse(text)
        guard seed.specifier == .meshProfileDevice else {
            throw VectorFailure(
                "the device seed's specifier is \(seed.specifier.rawValue), not 256 (MeshProfileDevice)"
            )
        }
        return try DeviceKeys(seed: seed)
    }

    // MARK: derive_device

    static func deriveDevice(_ check: VectorCheck) throws {
        try ScalarKeyProcedures.onlyInputs(check, ["seed_udf", "connect_account", "connect_pin_bits"])
        let device = try deviceKeys(check.string("seed_udf"))
        try check.expectHex("seed_hex", device.seed.binary.unprotectedBytes)
        try compareKeys(
            check,
            device.keys.map { entry in
                var fields = KeyProcedures.keyFields(entry.key)
                fields["role"] = entry.role.rawValue
                return fields
            }
        )
        try check.expect("device_udf", device.udf)
        if check.hasInput("connect_account") {
            let account = try check.string("connect_account")
            let bits = try check.int("connect_pin_bits")
            try check.expect("connect_pin", device.connectPIN(account: account, bits: bits))
            try check.expect("connect_uri", device.connectURI(account: account, bits: bits))
        } else if check.hasInput("connect_pin_bits") {
            throw VectorFailure("connect_pin_bits without connect_account")
        }
    }

    // MARK: activation_account

    static func activationAccount(_ check: VectorCheck) throws {
        try ScalarKeyProcedures.onlyInputs(check, ["activation_seed_udf", "base"])
        let seed = try SeedUDF.parse(check.string("activation_seed_udf"))
        guard seed.specifier == .meshActivationAccount else {
            throw VectorFailure(
                "the activation seed's specifier is \(seed.specifier.rawValue), not 259 (MeshActivationAccount)"
            )
        }
        let publicFields: Set<String> = [
            "encryption_public_ext_hex", "signature_public_hex", "authentication_public_ext_hex",
        ]
        let base = try ScalarKeyProcedures.object(
            check.input("base"),
            "base",
            allowed: publicFields.union(["seed_udf"])
        )
        var device: DeviceKeys?
        let basePublic: [DeviceKeys.Role: [UInt8]]
        if base["seed_udf"] != nil {
            guard base.count == 1 else { throw VectorFailure("base holds seed_udf and public keys; one form only") }
            let keys = try deviceKeys(ScalarKeyProcedures.string(base, "seed_udf", in: "base"))
            device = keys
            basePublic = ActivationKeys.basePublic(of: keys)
        } else {
            guard Set(base.keys) == publicFields else {
                throw VectorFailure(
                    "base must hold seed_udf or all of \(publicFields.sorted().joined(separator: ", "))"
                )
            }
            basePublic = [
                .encryption: try ScalarKeyProcedures.hex(base, "encryption_public_ext_hex", in: "base"),
                .signature: try ScalarKeyProcedures.hex(base, "signature_public_hex", in: "base"),
                .authentication: try ScalarKeyProcedures.hex(base, "authentication_public_ext_hex", in: "base"),
            ]
        }
        let activation = try ActivationKeys(seed: seed, basePublic: basePublic)
        try check.expectHex("activation_seed_hex", seed.binary.unprotectedBytes)
        var computed: [[String: String]] = []
        for composite in activation.composites {
            var fields = KeyProcedures.keyFields(composite.contribution)
            fields["role"] = composite.role.rawValue
            let curve = composite.role.curve
            let basePoint = try ReceivedPoint.decode(composite.basePublic, curve: curve)
            let compositePoint = try ReceivedPoint.decode(composite.compositePublic, curve: curve)
            fields["base_public_hex"] = HexCoding.encode(basePoint.agreementBytes)
            fields["composite_public_hex"] = HexCoding.encode(compositePoint.agreementBytes)
            if !curve.isEdwards {
                fields["base_public_ext_hex"] = HexCoding.encode(basePoint.encoded)
                fields["composite_public_ext_hex"] = HexCoding.encode(compositePoint.encoded)
            }
            fields["base_udf"] = composite.baseUDF
            fields["composite_udf"] = composite.compositeUDF
            if let device {
                // The device's side: (s_base + s_contribution) mod L, checked against the composite point.
                let scalar = try activation.compositePrivate(
                    composite.role,
                    device: device,
                    publishedComposite: composite.compositePublic
                )
                guard scalar.publicPoint == compositePoint else {
                    throw VectorFailure("\(composite.role.rawValue): composite_scalar·B is not the composite point")
                }
                fields["composite_scalar_hex"] = HexCoding.encode(scalar.scalar.bytes.unprotectedBytes)
            }
            computed.append(fields)
        }
        try compareKeys(check, computed)
        if let device { try check.expect("device_udf", device.udf) }
    }
}
