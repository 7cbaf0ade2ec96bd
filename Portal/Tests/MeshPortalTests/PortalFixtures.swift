import Foundation
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import MeshKeys
import MeshUDF
import Synchronization
import Testing

@testable import MeshPortal

#if canImport(FoundationEssentials)
import FoundationEssentials
#endif

/// The two storage backends every storage and transaction test runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A new, empty, migrated store of this backend.
    func makeStore() async throws -> any PortalStore { try await newLocation().open() }

    /// A new, empty database of this backend (an SQLite file in a new folder, a new PostgreSQL database).
    func newLocation() async throws -> DatabaseLocation {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "meshkey-portal-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return .sqlite(path: folder.appendingPathComponent("portal.sqlite").path)
        case .postgres:
            return .postgres(url: try await ThrowawayPostgres.shared.newDatabase())
        }
    }
}

/// One throwaway PostgreSQL server for the test process (Portal/scripts/throwaway-postgres.sh), started on first
/// use and stopped by the script's watchdog when this process ends; each test gets a database of its own.
/// MESHKEY_PORTAL_POSTGRES=postgres://… uses a running server instead.
actor ThrowawayPostgres {
    static let shared = ThrowawayPostgres()
    private var baseURL: String?
    private var count = 0

    func newDatabase() async throws -> String {
        let base = try await server()
        count += 1
        let name = "t\(getpid())_\(count)"
        let store = try await PostgresStore.open(url: base)
        try await store.executeOutsideTransaction("CREATE DATABASE \(name)")
        try await store.close()
        return String(base[..<base.lastIndex(of: "/")!]) + "/" + name
    }

    private func server() async throws -> String {
        if let baseURL { return baseURL }
        if let url = ProcessInfo.processInfo.environment["MESHKEY_PORTAL_POSTGRES"] {
            baseURL = url
            return url
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/throwaway-postgres.sh")
        // system(3), with the line written to a file: the script's background watchdog must not hold a pipe.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-portal-pg-\(getpid()).txt")
        let status = system("/bin/bash '\(script.path)' start \(getpid()) > '\(output.path)'")
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: output)
        guard status == 0, let line = text.split(separator: "\n").last, let url = line.split(separator: " ").first
        else {
            throw PortalError(.storageFailure, "throwaway-postgres.sh start failed (is Debian's postgresql installed?)")
        }
        baseURL = String(url)
        return String(url)
    }
}

/// A fixed clock the tests move by hand.
final class TestClock: Sendable {
    private let value = Mutex<Int64>(1_800_000_000)
    var now: Int64 { value.withLock { $0 } }
    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
}

/// An account holder: a fresh master profile, its signed profile document, and its administrator key.
struct Holder {
    let profile: MeshProfile
    let document: ProfileDocument
    let name: String

    init(_ name: String) throws {
        profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        document = try ProfileDocument(profile: profile)
        self.name = name
    }

    var profileJSON: JSONValue { JSONValue.parse(document.json)! }

    /// `message` signed by this holder's AdministratorSignature key.
    func sign(_ message: PortalMessage, time: Int64, nonce: [UInt8]? = nil) -> PortalMessage {
        let admin = profile.key(.administratorSignature)
        if let nonce {
            return RequestSignature.sign(message, secret: admin.privateKey, keyUDF: admin.udf, time: time, nonce: nonce)
        }
        return RequestSignature.sign(message, secret: admin.privateKey, keyUDF: admin.udf, time: time)
    }

    func createAccount(time: Int64) -> PortalMessage {
        sign(PortalMessage("CreateAccountRequest", ["Account": .string(name), "Profile": profileJSON]), time: time)
    }
}

/// A service on a new store of `backend`, with a test clock.
struct Portal {
    let service: PortalService
    let clock: TestClock

    init(_ backend: Backend, limits: PortalLimits = PortalLimits()) async throws {
        let clock = TestClock()
        self.clock = clock
        service = PortalService(store: try await backend.makeStore(), limits: limits, clock: { clock.now })
    }

    /// Sends `message`; the reply's status and message.
    func send(_ message: PortalMessage, client: String = "127.0.0.1") async -> PortalService.Reply {
        await service.respond(to: message.bytes, client: client)
    }

    func sendRaw(_ bytes: [UInt8], client: String = "127.0.0.1") async -> PortalService.Reply {
        await service.respond(to: bytes, client: client)
    }

    /// The body of a successful reply named `name`, or a test failure.
    func ok(_ message: PortalMessage, _ name: String, client: String = "127.0.0.1") async throws -> JSONValue {
        let reply = await send(message, client: client)
        try #require(reply.status == 200, "\(message.name): \(reply.message.serialized)")
        return try #require(reply.message[name])
    }

    /// The refusal's code and status.
    func refusal(_ message: PortalMessage, client: String = "127.0.0.1") async -> (code: String?, status: Int) {
        let reply = await send(message, client: client)
        return (reply.message["Error"]?["code"]?.stringValue, reply.status)
    }

    /// The log's sequence number now.
    func sequence() async throws -> Int {
        let status = try await ok(PortalMessage("StatusRequest"), "StatusResponse")
        guard case .number(let value) = status["Sequence"] else { return -1 }
        return Int(value)
    }

    /// Counts the rows of every table (to show that a refusal wrote nothing).
    func rowCounts() async throws -> [Int64] {
        try await service.store.transaction { transaction in
            var counts: [Int64] = []
            for table in ["accounts", "profiles", "entries", "nonces", "connections", "log"] {
                counts.append(
                    try await transaction.execute("SELECT COUNT(*) FROM \(table)").first?.first?.integer ?? -1
                )
            }
            return counts
        }
    }

    func close() async { try? await service.store.close() }
}

/// An offline escrow entry with its key (as the shares would recover it).
struct SealedOffline {
    let entry: EscrowEntry
    let key: SecureBytes
    var document: JSONValue { entry.json }
    var authenticator: SecureBytes { try! OfflineEntryProof.authenticator(key: key) }

    init() throws {
        let key = try OpenSSLPrivateKey.generate(.ed25519)
        let set = EscrowedKeySet(keys: [
            .init(udf: try EscrowedKeySet.udf(of: key), role: "ssh", privateKey: key, exportable: true)
        ])
        let (entry, split) = try EscrowEntry.sealOffline(set, threshold: 2, shareCount: 3)
        self.entry = entry
        self.key = split.secret
    }
}
