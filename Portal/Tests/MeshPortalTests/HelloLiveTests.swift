import Hummingbird
import HummingbirdTesting
import MeshJOSE
import MeshJSON
import NIOCore
import Testing

@testable import MeshPortal

/// The server started live on a free loopback port, answering Hello over HTTP.
@Suite struct HelloLiveTests {
    @Test func helloOverHTTP() async throws {
        let portal = try await Portal(.sqlite)
        let application = Application(
            router: PortalServer.router(service: portal.service),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        try await application.test(.live) { client in
            let body = ByteBuffer(string: #"{"HelloRequest": {}}"#)
            try await client.execute(uri: PortalService.path, method: .post, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let reply = try #require(JSONValue.parse(Array(buffer: response.body)))
                let hello = try #require(reply["HelloResponse"])
                #expect(hello["Version"] == .string("1.0"))
                #expect(hello["Path"] == .string(PortalService.path))
                #expect(hello["Limits"]?["MaximumRequestBytes"] == .number(262_144))
            }
            // A refusal travels as a JSON error with its HTTP status.
            try await client.execute(uri: PortalService.path, method: .post, body: ByteBuffer(string: "{")) {
                response in
                #expect(response.status == .badRequest)
                let reply = try #require(JSONValue.parse(Array(buffer: response.body)))
                #expect(reply["Error"]?["code"] == .string("malformed_request"))
            }
            // Oversized bodies are refused before they are read whole.
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: 300_000)
            try await client.execute(uri: PortalService.path, method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        await portal.close()
    }

    @Test func databaseLocations() throws {
        #expect(try DatabaseLocation("sqlite:/tmp/p.sqlite") == .sqlite(path: "/tmp/p.sqlite"))
        #expect(
            try DatabaseLocation("postgres://u:p%40ss@127.0.0.1:5433/portal")
                == .postgres(url: "postgres://u:p%40ss@127.0.0.1:5433/portal")
        )
        let location = try PostgresLocation("postgres://u:p%40ss@127.0.0.1:5433/portal")
        #expect(location.password == "p@ss")
        #expect(location.port == 5433)
        #expect(throws: PortalError(.storageFailure, "")) { try DatabaseLocation("mysql://x") }
        #expect(throws: PortalError(.storageFailure, "")) { try DatabaseLocation("postgres://nohost") }
    }
}
