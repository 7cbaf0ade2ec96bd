import MeshCrypto
import MeshJSON
import Testing

/// The writer's layouts and escapes, ordered objects, and secrets written into secure memory.
@Suite struct JSONWriterTests {
    @Test func orderedObjectsKeepTheirOrderOnOneLine() {
        let value: JSONValue = .object([
            ("b", .int(2)), ("a", .array([.string("x"), .bool(true), .null])), ("c", .object([:])),
        ])
        #expect(value.text == #"{"b": 2, "a": ["x", true, null], "c": {}}"#)
        #expect(value.serialized == #"{"b":2,"a":["x",true,null],"c":{}}"#)
        #expect(value.objectValue?["a"] == .array([.string("x"), .bool(true), .null]))
        let sorted: JSONValue = .object(["b": .int(2), "a": .int(1)])
        #expect(sorted.text == #"{"a": 1, "b": 2}"#)
    }

    @Test func encoderLayoutAndEscapes() {
        let value: JSONValue = .object(["k": .string("a/b\u{8}\u{7f}"), "n": .array([.int(1)])])
        #expect(
            JSONWriter.encoderPretty(escapingSlashes: true).text(value)
                == "{\n  \"k\" : \"a\\/b\\b\u{7f}\",\n  \"n\" : [\n    1\n  ]\n}"
        )
        #expect(JSONWriter.encoderPretty(escapingSlashes: false).text(value).contains("\"a/b\\b\u{7f}\""))
        #expect(JSONValue.quote("a/b\u{8}\u{7f}") == "\"a/b\\u0008\\u007f\"")
    }

    @Test func secretsAreWrittenFromSecureBuffersAndReadBack() throws {
        let secret = SecureBytes(Array("c2VjcmV0".utf8))
        let value: JSONValue = .object(["Private": SecretJSON.placeholder(0), "crv": .string("X448")])
        let text = JSONWriter(layout: .compact).secureText(value, secrets: [secret])
        #expect(text.unprotectedBytes == Array(#"{"Private":"c2VjcmV0","crv":"X448"}"#.utf8))
        let (read, secrets) = try #require(SecretJSON.parse(text, secretMember: "Private"))
        #expect(SecretJSON.secret(read["Private"], in: secrets) == secret)
        #expect(read["crv"]?.stringValue == "X448")
    }

    @Test func integersAndTypeNames() {
        #expect(JSONValue.parse(Array("3".utf8))?.integerValue == 3)
        #expect(JSONValue.parse(Array("3.5".utf8))?.integerValue == nil)
        #expect(JSONValue.parse(Array("[]".utf8))?.typeName == "array")
        #expect(JSONValue.parse(Array(#"{"a": 1, "a": 2}"#.utf8)) == nil)
    }
}
