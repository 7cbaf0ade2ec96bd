public import MeshCrypto
import MeshMath
public import MeshUDF

/// A Mesh account's master profile keys, all derived from the account seed
/// (`0xC8 0x01 0x02` ‖ 32 random bytes, specifier MeshProfileAccount).
///
/// The profile UDF is the fingerprint of the ProfileSignature key; comparing it with the account's
/// published profile is how a recovery is verified offline.
public struct MeshProfile: Sendable {
    /// The seven account keys, in the order the conformance vectors list them.
    public enum Role: String, Sendable, CaseIterable {
        case profileSignature = "ProfileSignature"
        case administratorSignature = "AdministratorSignature"
        case commonSignature = "CommonSignature"
        case escrowEncryption = "EscrowEncryption"
        case commonEncryption = "CommonEncryption"
        case commonAuthentication = "CommonAuthentication"
        case administratorEncryption = "AdministratorEncryption"

        /// The HKDF key name (`Complete` + `Account` + operation).
        public var keyName: String {
            switch self {
            case .profileSignature: "CompleteAccountProfile"
            case .administratorSignature: "CompleteAccountAdminSign"
            case .commonSignature: "CompleteAccountSign"
            case .escrowEncryption: "CompleteAccountEscrow"
            case .commonEncryption: "CompleteAccountEncrypt"
            case .commonAuthentication: "CompleteAccountAuthenticate"
            case .administratorEncryption: "CompleteAccountAdminEncrypt"
            }
        }

        /// Ed448 for signatures, X448 for encryption and authentication (the Mesh defaults).
        public var curve: KeyAlgorithm {
            switch self {
            case .profileSignature, .administratorSignature, .commonSignature: .ed448
            default: .x448
            }
        }

        /// Whether the key appears in the published profile (AdministratorEncryption does not).
        public var isPublished: Bool { self != .administratorEncryption }
    }

    /// Why an account seed or a recovered secret does not give a profile.
    ///
    /// Codes: `invalid_account_seed` (a seed that is not an account seed), `not_a_seed` (recovered bytes
    /// that are no account seed), `derivation_failed`. Errors compare by code only.
    public struct ProfileError: CodedError, Hashable {
        public let errorCode: String
        public let reason: String

        init(_ code: String, _ reason: String) {
            self.errorCode = code
            self.reason = reason
        }

        /// `not_a_seed` errors print their code; the others their reason alone.
        public var description: String { errorCode == "not_a_seed" ? codedDescription : reason }

    }

    public let seed: SeedUDF
    public let keys: [(role: Role, key: DerivedKey)]

    /// The profile UDF: the fingerprint of the ProfileSignature key.
    public var udf: String { key(.profileSignature).udf }

    public func key(_ role: Role) -> DerivedKey { keys.first { $0.role == role }!.key }

    /// Derives every account key from an account seed (specifier MeshProfileAccount).
    public init(accountSeed seed: SeedUDF) throws(ProfileError) {
        guard seed.specifier == .meshProfileAccount else {
            throw ProfileError(
                "invalid_account_seed",
                "the seed's key specifier is \(seed.specifier.rawValue), not MeshProfileAccount (258)"
            )
        }
        guard seed.secret.count == 32 else {
            throw ProfileError(
                "invalid_account_seed",
                "an account seed holds 32 secret bytes, this one \(seed.secret.count) (a character missing or extra?)"
            )
        }
        self.seed = seed
        var derived: [(Role, DerivedKey)] = []
        for role in Role.allCases {
            do {
                derived.append((role, try DerivedKey(seed: seed, keyName: role.keyName, curve: role.curve)))
            } catch {
                throw ProfileError("derivation_failed", "key derivation failed: \(error)")
            }
        }
        keys = derived
    }

    /// Derives the profile from a recovered secret: leading zero bytes (a relic of 32-bit-word padding in
    /// pre-2020 shares) are skipped, then the bytes must be an account seed.
    public init(recoveredSecret secret: SecureBytes) throws(ProfileError) {
        var start = 0
        while start < secret.count - 1 && secret[start] == 0 { start += 1 }
        let seed: SeedUDF
        do { seed = try SeedUDF(binary: secret.slice(start..<secret.count)) } catch {
            throw ProfileError(
                "not_a_seed",
                "the shares do not recover a Mesh seed (a wrong or foreign share, or the shares of another secret)"
            )
        }
        guard seed.specifier == .meshProfileAccount, seed.secret.count == 32 else {
            // About 1 in 256 random results starts with the seed type octet: still not an account seed.
            throw ProfileError(
                "not_a_seed",
                "the shares recover a seed UDF with key specifier \(seed.specifier.rawValue) and \(seed.secret.count) secret bytes, not a Mesh account seed (a wrong or foreign share?)"
            )
        }
        try self.init(accountSeed: seed)
    }
}
