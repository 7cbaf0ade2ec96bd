/// Where the portal keeps its data, as `serve --db` names it: `sqlite:PATH` or `postgres://…`.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) throws(PortalError) {
        if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            _ = try PostgresLocation(text)
            self = .postgres(url: text)
        } else {
            throw PortalError(.storageFailure, "--db must be sqlite:PATH or postgres://user@host:port/database")
        }
    }

    /// Opens and migrates the store.
    public func open() async throws -> any PortalStore {
        switch self {
        case .sqlite(let path): try await SQLiteStore.open(path: path)
        case .postgres(let url): try await PostgresStore.open(url: url)
        }
    }
}
