import MeshCrypto
import MeshEscrow
import MeshJSON
import MeshMath
import MeshUDF

/// Procedures for the `vss` suite (verifiable share sets, Docs/formats.md §24).
enum VSSProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "vss_parameters": (parameters, []),
        "vss_commit": (commit, []),
        "vss_verify": (verify, []),
        "vss_upkeep": (upkeep, []),
        "share_group_recover": (groupRecover, []),
    ]

    static func group(_ check: VectorCheck) throws -> SchnorrGroup {
        let length = try check.int("secret_length")
        guard let group = SchnorrGroup.group(byteLength: length) else {
            throw VectorFailure("no commitment group for L = \(length)")
        }
        return group
    }

    static func parameters(_ check: VectorCheck) throws {
        let group = try group(check)
        try check.expect("parameters", group.identifier)
        try check.expect("modulus_counter", group.modulusCounter)
        try check.expect("generator_counter", group.generatorCounter)
        try check.expectHex("modulus_hex", group.modulus)
        try check.expectHex("generator_hex", group.generator)
    }

    static func commit(_ check: VectorCheck) throws {
        let secret = SecureBytes(try check.hex("secret_hex"))
        let coefficients = try check.strings("coefficients_dec").map { text -> SecureBytes in
            guard let value = GMPInteger(decimal: text),
                let bytes = value.bigEndianBytes(count: Swift.max(1, (value.bitWidth + 7) / 8))
            else {
                throw VectorFailure("coefficient \(text) is not an unsigned decimal")
            }
            return SecureBytes(bytes)
        }
        let committed = try SecretSharing.splitCommitted(
            secret: secret,
            shareCount: try check.int("share_count"),
            coefficients: coefficients,
            signer: nil
        )
        try check.expect("shares", committed.split.shares.map(\.text))
        try check.expect("commitments_hex", committed.document.commitments.map { HexCoding.encode($0) })
        // The same shares as the plain split, and each verifies alone.
        let plain = try ShamirSecretSharing.split(
            secret: secret,
            shareCount: committed.split.shares.count,
            coefficients: coefficients
        )
        guard plain.map(\.value) == committed.split.shares.map(\.value) else {
            throw VectorFailure("the committed split changed the shares")
        }
        for share in committed.split.shares where committed.document.check(share) != .valid {
            throw VectorFailure("share x=\(share.x) does not verify against its own commitments")
        }
    }

    static func commitments(_ check: VectorCheck, _ key: String) throws -> [[UInt8]] {
        try check.strings(key).map { try HexCoding.decode($0, field: key) }
    }

    /// An unsigned document for the vector's commitments (epoch 2 with its previous epoch when given).
    static func document(_ check: VectorCheck) throws -> CommitmentDocument {
        let group = try group(check)
        let shareCount = try check.int("share_count")
        let current = try commitments(check, "commitments_hex")
        guard current.allSatisfy({ FeldmanCommitment.isGroupElement($0, group: group) }) else {
            throw VectorFailure("a commitment is not an element of the order-p subgroup")
        }
        var previous: CommitmentDocument? = nil
        if check.hasInput("previous_commitments_hex") {
            let old = try commitments(check, "previous_commitments_hex")
            previous = CommitmentDocument.make(
                setIdentifier: "vector",
                threshold: try check.int("previous_threshold"),
                shareCount: shareCount,
                epoch: 1,
                previous: nil,
                group: group,
                commitments: old,
                signer: nil
            )
        }
        let made = CommitmentDocument.make(
            setIdentifier: "vector",
            threshold: try check.int("threshold"),
            shareCount: shareCount,
            epoch: previous == nil ? 1 : 2,
            previous: previous,
            group: group,
            commitments: current,
            signer: nil
        )
        return try CommitmentDocument.parse(made.json)
    }

    static func verify(_ check: VectorCheck) throws {
        let document = try document(check)
        let verdicts = try check.strings("shares").map { text -> String in
            switch document.check(try ShareUDF.parse(text)) {
            case .valid: "valid"
            case .mismatch: "mismatch"
            case .previousEpoch: "previous_epoch"
            case .foreign: "foreign"
            }
        }
        try check.expect("verdicts", verdicts)
    }

    static func upkeep(_ check: VectorCheck) throws {
        let document = try document(check)
        let kind: ShareSet.NewShares
        switch try check.string("mode") {
        case "recreate": kind = .recreate
        case "extend": kind = .extend
        case let other: throw VectorFailure("mode \(other) is neither recreate nor extend")
        }
        guard case .array(let items) = try check.input("targets") else {
            throw VectorFailure("targets is not an array")
        }
        let targets = try items.map { item -> Int in
            guard let x = item.integerValue else { throw VectorFailure("a target is not an integer") }
            return x
        }
        let set = try ShareSet.parse(try check.strings("shares"))
        try check.expect("shares", try set.newShares(at: targets, kind, verifiedBy: document).map(\.text))
    }

    static func groupRecover(_ check: VectorCheck) throws {
        guard case .array(let items) = try check.input("groups") else { throw VectorFailure("groups is not an array") }
        let groups = try items.map { item -> [ShareUDF] in
            guard case .array(let shares) = item else { throw VectorFailure("a group is not an array") }
            return try shares.map { share in
                guard case .string(let text) = share else { throw VectorFailure("a share is not a string") }
                return try ShareUDF.parse(text)
            }
        }
        if check.hasExpected("secret_hex") {
            try check.expectHex("secret_hex", try ShareGroups.recover(groups).secret.unprotectedBytes)
            return
        }
        guard case .string(let want) = try check.expected("error") else {
            throw VectorFailure("expected error is not a string")
        }
        do {
            _ = try ShareGroups.recover(groups)
        } catch {
            guard error.code.name == want else {
                throw VectorFailure("refused with \(error.code.name), expected \(want)")
            }
            if case .array(let short) = try check.expected("short_groups") {
                for number in short.compactMap(\.integerValue) where !error.reason.contains("group \(number) has") {
                    throw VectorFailure("the refusal does not name group \(number) as short: \(error.reason)")
                }
            }
            return
        }
        throw VectorFailure("recovered, expected \(want)")
    }
}
