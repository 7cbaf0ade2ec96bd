import Foundation
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import Testing

@testable import MeshPortal

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// kill -9 of the real server during a Publish load, again and again, on both backends: after every restart
/// the log is one consistent chain, every acknowledged Publish is stored, and nothing is stored half (every
/// entry has its log entry and the other way round). Rounds: MESHKEY_PORTAL_KILL_ROUNDS (default 10).
@Suite(.serialized) struct KillRecoveryTests {
    static let rounds = Int(ProcessInfo.processInfo.environment["MESHKEY_PORTAL_KILL_ROUNDS"] ?? "") ?? 10

    /// The server executable beside the test bundle (built by `swift build --build-tests`).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("meshkey-portal")

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func post(_ message: PortalMessage, port: Int) async -> (Int, JSONValue?)? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(PortalService.path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(message.bytes)
        request.timeoutInterval = 5
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            let status = (response as? HTTPURLResponse)?.statusCode
        else { return nil }
        return (status, JSONValue.parse(Array(data)))
    }

    /// Starts the server and waits until it answers Hello.
    static func start(_ location: String, port: Int) async throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--db", location, "--listen", "127.0.0.1:\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if await post(PortalMessage("HelloRequest"), port: port)?.0 == 200 { return process }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw PortalError(.storageFailure, "the server did not answer Hello")
    }

    @Test(arguments: Backend.allCases) func killDuringPublishLeavesNoPartialRecord(backend: Backend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build meshkey-portal first")
        let location = try await backend.newLocation()
        let argument: String =
            switch location {
            case .sqlite(let path): "sqlite:\(path)"
            case .postgres(let url): url
            }
        let alice = try Holder("alice")
        var acknowledged: Set<String> = []
        for round in 0..<Self.rounds {
            let port = Self.freePort()
            let server = try await Self.start(argument, port: port)
            if round == 0 {
                let created = await Self.post(alice.createAccount(time: PortalClock.now()), port: port)
                try #require(created?.0 == 200)
            }
            // Two clients publish until the server is killed at a random point.
            let killAfter = Duration.milliseconds(Int.random(in: 30...400))
            let load = Task {
                await withTaskGroup(of: [String].self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            var done: [String] = []
                            while true {  // until the server is gone (no cancellation: URLSession's deadlocks on Linux)
                                guard let sealed = try? SealedOffline() else { break }
                                let message = EscrowEntryTests.publishOffline(alice, sealed, time: PortalClock.now())
                                guard let reply = await Self.post(message, port: port) else { break }
                                if reply.0 == 200 { done.append(sealed.entry.identifier) }
                            }
                            return done
                        }
                    }
                    return await group.reduce(into: [String]()) { $0 += $1 }
                }
            }
            try await Task.sleep(for: killAfter)
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            acknowledged.formUnion(await load.value)
        }
        // After the last kill: open the database as a restart would, and check it.
        let store = try await location.open()
        let (entries, identifiers) = try await store.transaction { transaction in
            let log = try await PortalLog.entries(transaction, from: 1, limit: 1_000_000)
            let rows = try await transaction.execute("SELECT identifier FROM entries")
            return (log, rows.compactMap { $0.first?.text })
        }
        try await store.close()
        #expect(PortalLogEntry.continues(entries, sequence: 0, hash: PortalLogEntry.genesis))
        let logged = entries.filter { $0.operation == "Publish OfflineEscrowEntry" }.map(\.identifier)
        #expect(Set(logged) == Set(identifiers), "every stored entry has its log entry and the other way round")
        #expect(logged.count == identifiers.count)
        #expect(acknowledged.isSubset(of: Set(identifiers)), "an acknowledged Publish was lost")
        #expect(!acknowledged.isEmpty, "the load published nothing")
        print(
            "kill -9 \(backend.rawValue): \(Self.rounds) kills, \(acknowledged.count) acknowledged publishes, \(identifiers.count) stored, log \(entries.count) entries"
        )
    }
}
