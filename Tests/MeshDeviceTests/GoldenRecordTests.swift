import MeshCrypto
import MeshDevice
import MeshJSON
import Testing

/// The exact bytes of a signed device record (JSON serialization and compact form) from a fixed Ed448 secret
/// (EdDSA is deterministic): a change of JSON writer must not change one byte.
@Suite struct GoldenRecordTests {
    struct Payload: RecordPayload, Equatable {
        let type: String
        let name: String
        let count: Int

        init(type: String, name: String, count: Int) {
            self.type = type
            self.name = name
            self.count = count
        }

        var json: JSONValue { .object(["type": .string(type), "name": .string(name), "count": .int(count)]) }

        init?(json: JSONValue) {
            guard let type = json["type"]?.stringValue, let name = json["name"]?.stringValue,
                let count = json["count"]?.integerValue
            else { return nil }
            self.init(type: type, name: name, count: count)
        }
    }

    @Test func signedRecordBytes() throws {
        let secret = SecureBytes((0..<57).map { UInt8($0) })
        let payload = Payload(type: "GoldenRecord", name: "a/b \"c\" é", count: 3)
        let record = try SignedRecord.sign(payload, type: "GoldenRecord", signer: .secret(secret), kid: "MAAA-GOLD")
        let text = String(decoding: record.json, as: UTF8.self)
        #expect(
            Hex.encode(Digest.hash(.sha256, record.json))
                == "3ce86fe2c9d35e2b2d7c554a8346ef106c285cca331263d8154cddf0eb77bb99",
            "\(text)"
        )
        #expect(
            record.compact
                == "eyJhbGciOiJFZERTQSIsImtpZCI6Ik1BQUEtR09MRCIsInR5cCI6IkdvbGRlblJlY29yZCJ9.eyJjb3VudCI6MywibmFtZSI6ImEvYiBcImNcIiDDqSIsInR5cGUiOiJHb2xkZW5SZWNvcmQifQ.SIXifhIiXOYAY1cglpKgdhBmcCH6HyGOAh8x4d4JwceWrdLfoD8sR5-hwb5kNKfRQJ3SnPgzZOGA4mTJIQqh24SxAM23Y3N_aDzyMgBdqJk1H4TN_rQwj3Zlz7CaAf9UIslOTHYKNoIkI4eGVzjyLBoA",
            "\(record.compact)"
        )
        let read = try SignedRecord.parse(record.json, what: "golden")
        #expect(read == record)
        #expect(try SignedRecord.parse(Array(record.compact.utf8), what: "golden") == record)
        let publicKey = SignedRecord.Signer.secret(secret).publicKey
        #expect(try read.verify(Payload.self, type: "GoldenRecord", publicKey: publicKey, what: "golden") == payload)
    }
}
