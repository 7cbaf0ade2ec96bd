public import MeshCrypto
public import MeshJSON

/// A JWS in JSON serialization (RFC 7515 §7.2.1): a base64url payload and its signatures, each over
/// `protected.payload` with its protected header, as signed documents (the profile document) are written.
/// The algorithm-specific signing and verification are the caller's (EdDSA keys are MeshMath's or
/// OpenSSL's); this type owns the serialization.
public struct JWS: Sendable {
    /// One element of `signatures`.
    public struct Signature: Sendable {
        /// The protected header exactly as transmitted (base64url).
        public let protectedText: String
        /// The signature as transmitted (base64url).
        public let signatureText: String
        /// The unprotected `header` member (string values), if any.
        public let header: [String: String]?

        /// The protected header as a JSON object; nil if it is not base64url of one.
        public var protectedHeader: [String: JSONValue]? {
            Base64URL.decode(protectedText).flatMap(JSONValue.parse)?.objectValue
        }

        /// The signature bytes; nil if they are not base64url.
        public var signature: [UInt8]? { Base64URL.decode(signatureText) }

        public init(protectedText: String, signatureText: String, header: [String: String]? = nil) {
            self.protectedText = protectedText
            self.signatureText = signatureText
            self.header = header
        }
    }

    /// The payload exactly as transmitted (base64url).
    public let payloadText: String
    public let signatures: [Signature]

    public init(payloadText: String, signatures: [Signature]) {
        self.payloadText = payloadText
        self.signatures = signatures
    }

    /// The payload bytes; nil if they are not base64url.
    public var payload: [UInt8]? { Base64URL.decode(payloadText) }

    /// The bytes a signature covers: `protected.payload` (RFC 7515 §5.1).
    public func signingInput(_ signature: Signature) -> [UInt8] {
        Array("\(signature.protectedText).\(payloadText)".utf8)
    }

    /// Signs `payload` with one signature: the payload and `protectedHeader` are written by `writer` (compact),
    /// and `sign` signs the signing input.
    public static func sign(
        payload: JSONValue,
        protectedHeader: JSONValue,
        writer: JSONWriter,
        sign: ([UInt8]) -> [UInt8]
    ) -> JWS {
        let payloadText = Base64URL.encode(Array(writer.text(payload).utf8))
        let protectedText = Base64URL.encode(Array(writer.text(protectedHeader).utf8))
        let signature = sign(Array("\(protectedText).\(payloadText)".utf8))
        return JWS(
            payloadText: payloadText,
            signatures: [
                Signature(protectedText: protectedText, signatureText: Base64URL.encode(signature), header: nil)
            ]
        )
    }

    /// The JSON serialization `{"payload", "signatures": [{"header"?, "protected", "signature"}]}`.
    public var json: JSONValue {
        .object([
            "payload": .string(payloadText),
            "signatures": .array(
                signatures.map { signature in
                    var members: [String: JSONValue] = [
                        "protected": .string(signature.protectedText),
                        "signature": .string(signature.signatureText),
                    ]
                    if let header = signature.header { members["header"] = .object(header.mapValues { .string($0) }) }
                    return .object(members)
                }
            ),
        ])
    }

    /// Reads the JSON serialization (strict JSON): `payload` a string, `signatures` an array of objects with
    /// `protected` and `signature` strings and, optionally, a `header` of string values (or, with
    /// `ignoringHeaders`, any `header`, not read). nil for anything else.
    public static func parse(_ bytes: [UInt8], ignoringHeaders: Bool = false) -> JWS? {
        guard let outer = JSONValue.parse(bytes), let payloadText = outer["payload"]?.stringValue,
            let items = outer["signatures"]?.arrayValue
        else { return nil }
        var signatures: [Signature] = []
        for item in items {
            guard let protectedText = item["protected"]?.stringValue, let signatureText = item["signature"]?.stringValue
            else { return nil }
            var header: [String: String]?
            switch ignoringHeaders ? nil : item["header"] {
            case nil, .null?: header = nil
            case let value?:
                guard let members = value.objectValue else { return nil }
                header = [:]
                for (name, member) in members {
                    guard let text = member.stringValue else { return nil }
                    header?[name] = text
                }
            }
            signatures.append(Signature(protectedText: protectedText, signatureText: signatureText, header: header))
        }
        return JWS(payloadText: payloadText, signatures: signatures)
    }
}
