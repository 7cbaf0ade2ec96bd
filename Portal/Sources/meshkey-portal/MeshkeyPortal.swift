import ArgumentParser
import Hummingbird
import Logging
import MeshPortal

/// The Mesh portal server.
@main
struct MeshkeyPortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshkey-portal",
        abstract: "The Mesh portal: accounts, profiles and escrow entries over JSON/HTTP.",
        subcommands: [Serve.self]
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the portal (POST /.well-known/mmm/portal/v1)."
    )

    @Option(help: "The database: sqlite:PATH (embedded, created if missing) or postgres://user@host:port/database.")
    var db: String

    @Option(help: "The address to listen on, HOST:PORT (loopback by default; put TLS in a reverse proxy).")
    var listen: String = "127.0.0.1:8080"

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw ValidationError("--listen must be HOST:PORT")
        }
        let written = String(listen[..<colon])
        let host = written.hasPrefix("[") && written.hasSuffix("]") ? String(written.dropFirst().dropLast()) : written
        let logger = Logger(label: "meshkey-portal")
        let location: DatabaseLocation
        do { location = try DatabaseLocation(db) } catch { throw ValidationError(error.reason) }
        let store = try await location.open()
        let service = PortalService(store: store, logger: logger)
        let application = PortalServer.application(service: service, host: host, port: port, logger: logger) { port in
            logger.info("serving \(store.backend) on http://\(host):\(port)\(PortalService.path)")
        }
        try await application.runService()
        try await store.close()
    }
}
