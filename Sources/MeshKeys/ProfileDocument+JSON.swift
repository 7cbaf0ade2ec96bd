import MeshJSON

// The JSON of the profile document's payload and protected header.

/// A string member; nil when absent, or not a string.
private func string(_ value: JSONValue?) -> String? { value?.stringValue }

private func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> T?? { JSONValue.optional(value, read) }

extension ProfileDocument.Header {
    init?(json: [String: JSONValue]) {
        guard let alg = string(json["alg"]), let kid = optional(json["kid"], \.stringValue),
            let crit = optional(json["crit"], \.stringArrayValue)
        else { return nil }
        self.init(alg: alg, kid: kid, crit: crit)
    }
}

extension ProfileDocument.Payload {
    var json: JSONValue {
        .object([
            "type": .string(type), "profile_udf": .string(profile_udf),
            "keys": .array(
                keys.map { key in
                    var members: [String: JSONValue] = [
                        "role": .string(key.role), "key_udf": .string(key.key_udf),
                        "jwk": .object([
                            "kty": .string(key.jwk.kty), "crv": .string(key.jwk.crv), "x": .string(key.jwk.x),
                        ]),
                    ]
                    if let ext = key.public_ext { members["public_ext"] = .string(ext) }
                    return .object(members)
                }
            ),
        ])
    }

    init?(json: JSONValue) {
        guard let type = string(json["type"]), let profileUDF = string(json["profile_udf"]),
            let items = json["keys"]?.arrayValue
        else {
            return nil
        }
        var keys: [ProfileDocument.KeyEntry] = []
        for item in items {
            guard let role = string(item["role"]), let udf = string(item["key_udf"]), let jwk = item["jwk"],
                let kty = string(jwk["kty"]), let crv = string(jwk["crv"]), let x = string(jwk["x"]),
                let ext = optional(item["public_ext"], \.stringValue)
            else { return nil }
            keys.append(
                ProfileDocument.KeyEntry(
                    role: role,
                    key_udf: udf,
                    jwk: ProfileDocument.JWK(kty: kty, crv: crv, x: x),
                    public_ext: ext
                )
            )
        }
        self.init(type: type, profile_udf: profileUDF, keys: keys)
    }
}
