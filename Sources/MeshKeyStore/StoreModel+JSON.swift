import MeshJSON

// The JSON forms of the store files (formats.md §18.2, §18.3).

extension StoreHeader {
    var json: JSONValue {
        JSONMembers.object([
            "format": .int(format), "store_id": store_id.map { .string($0) }, "generation": generation.map { .int($0) },
            "protection": .string(protection), "kdf": kdf.map(\.json), "master_key": master_key.map(\.json),
            "commitment": commitment.map { .string($0) },
            "master_key_unprotected": master_key_unprotected.map { .string($0) },
            "created": .string(created),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let format = m.int("format"),
            let storeID = m.optional("store_id", \.stringValue),
            let generation = m.optional("generation", \.integerValue), let protection = m.string("protection"),
            let kdf = m.optional("kdf", KDF.init(json:)),
            let masterKey = m.optional("master_key", SealedBox.init(json:)),
            let commitment = m.optional("commitment", \.stringValue),
            let unprotected = m.optional("master_key_unprotected", \.stringValue), let created = m.string("created")
        else { return nil }
        self.init(
            format: format,
            store_id: storeID,
            generation: generation,
            protection: protection,
            kdf: kdf,
            master_key: masterKey,
            commitment: commitment,
            master_key_unprotected: unprotected,
            created: created
        )
    }
}

extension StoreHeader.KDF {
    var json: JSONValue {
        .object(["name": .string(name), "log2_n": .int(log2_n), "r": .int(r), "p": .int(p), "salt": .string(salt)])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let name = m.string("name"), let log2N = m.int("log2_n"), let r = m.int("r"),
            let p = m.int("p"),
            let salt = m.string("salt")
        else { return nil }
        self.init(name: name, log2_n: log2N, r: r, p: p, salt: salt)
    }
}

extension SealedBox {
    var json: JSONValue {
        .object(["alg": .string(alg), "nonce": .string(nonce), "ciphertext": .string(ciphertext), "tag": .string(tag)])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let alg = m.string("alg"), let nonce = m.string("nonce"),
            let ciphertext = m.string("ciphertext"),
            let tag = m.string("tag")
        else { return nil }
        self.init(alg: alg, nonce: nonce, ciphertext: ciphertext, tag: tag)
    }
}

extension EntryFile {
    var json: JSONValue {
        JSONMembers.object([
            "format": .int(format), "udf": .string(udf), "type": .string(type), "algorithm": .string(algorithm),
            "label": label.map { .string($0) }, "exportable": .bool(exportable), "created": .string(created),
            "public": publicKey.map { .string($0) }, "group": group.map { .string($0) },
            "store": store.map { .string($0) },
            "generation": generation.map { .int($0) }, "sealed": sealed.json,
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let format = m.int("format"), let udf = m.string("udf"),
            let type = m.string("type"),
            let algorithm = m.string("algorithm"), let label = m.optional("label", \.stringValue),
            let exportable = m.bool("exportable"),
            let created = m.string("created"), let publicKey = m.optional("public", \.stringValue),
            let group = m.optional("group", \.stringValue), let store = m.optional("store", \.stringValue),
            let generation = m.optional("generation", \.integerValue),
            let sealed = m.members["sealed"].flatMap(SealedBox.init(json:))
        else { return nil }
        self.init(
            format: format,
            udf: udf,
            type: type,
            algorithm: algorithm,
            label: label,
            exportable: exportable,
            created: created,
            publicKey: publicKey,
            group: group,
            store: store,
            generation: generation,
            sealed: sealed
        )
    }
}
