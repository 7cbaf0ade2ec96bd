/// The type octet that starts every binary UDF. Its top five bits give the presentation's first letter.
public struct UDFType: Hashable, Sendable, RawRepresentable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Authenticator, HMAC-SHA-2-512 (also the "authentication key" data UDF).
    public static let authenticatorHMACSHA2 = UDFType(rawValue: 0)
    /// Authenticator, HMAC-SHA-3-512.
    public static let authenticatorHMACSHA3 = UDFType(rawValue: 1)
    /// Encryption / authentication key.
    public static let encryptionKey = UDFType(rawValue: 32)
    /// Encryption / signature key.
    public static let encryptionSignatureKey = UDFType(rawValue: 33)
    /// Content digest SHA-3-512 at compression level 0 (80…84 for levels 0…4).
    public static let digestSHA3 = UDFType(rawValue: 80)
    /// Content digest SHA-2-512 at compression level 0 (96…100 for levels 0…4).
    public static let digestSHA2 = UDFType(rawValue: 96)
    public static let nonce = UDFType(rawValue: 104)
    /// DER sequence identified by an OID.
    public static let oid = UDFType(rawValue: 112)
    /// Shamir secret share.
    public static let share = UDFType(rawValue: 144)
    /// Secret seed ("DerivedKey"): key specifier and secret.
    public static let seed = UDFType(rawValue: 200)

    /// The first character of any presentation of a UDF with this type.
    public var letter: Character {
        Character(Unicode.Scalar(Base32.character(for: rawValue >> 3)))
    }

    /// A short name for the known codes.
    public var name: String? {
        switch rawValue {
        case 0: "Authenticator HMAC-SHA-2-512"
        case 1: "Authenticator HMAC-SHA-3-512"
        case 32: "Encryption/Authentication key"
        case 33: "Encryption/Signature key"
        case 80...84: "Content digest SHA-3-512, compression \(rawValue - 80)"
        case 96...100: "Content digest SHA-2-512, compression \(rawValue - 96)"
        case 104: "Nonce"
        case 112: "OID-identified sequence"
        case 144: "Shamir secret share"
        case 200: "Secret seed"
        default: nil
        }
    }

    /// Names shares and seeds (the UDFs people paste by mistake); any other octet gets a phrase that does
    /// not reveal it (it may be the first byte of a secret pasted by mistake).
    public var article: String {
        switch self {
        case .share: "a share UDF (S…)"
        case .seed: "a seed UDF (Z…)"
        default: "not a UDF of a kind expected here"
        }
    }
}
