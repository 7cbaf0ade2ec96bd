public import Logging
import MeshCrypto
public import MeshJOSE
public import MeshJSON

/// The portal's transactions, without HTTP: a request body in, a status and a body out. Every request runs in one
/// storage transaction; a refused one changes nothing (the only exception: a failed proof on an offline entry
/// consumes its challenge and counts against the attempt limits).
public final class PortalService: Sendable {
    /// The one path every message is posted to.
    public static let path = "/.well-known/mmm/portal/v1"
    public static let version = "1.0"

    public let store: any PortalStore
    public let limits: PortalLimits
    let clock: @Sendable () -> Int64
    let logger: Logger

    /// The reply to one request.
    public struct Reply: Sendable {
        public let status: Int
        public let message: JSONValue
        public var bytes: [UInt8] { Array((message.serialized + "\n").utf8) }
    }

    public init(
        store: any PortalStore,
        limits: PortalLimits = PortalLimits(),
        clock: @escaping @Sendable () -> Int64 = PortalClock.now,
        logger: Logger = Logger(label: "meshkey-portal")
    ) {
        self.store = store
        self.limits = limits
        self.clock = clock
        self.logger = logger
    }

    /// The messages the portal answers, each `<Name>Request` → `<Name>Response`.
    public static let transactions = [
        "Hello", "ValidateAccount", "CreateAccount", "Publish", "Challenge", "Get", "Delete", "Status",
        "ConnectStart", "ConnectPending", "ConnectComplete", "ConnectStatus",
    ]

    /// Answers one request body from `client` (an address, for the attempt limits).
    public func respond(to body: [UInt8], client: String) async -> Reply {
        do {
            guard body.count <= limits.maximumRequestBytes else {
                throw PortalError(.requestTooLarge, "the request is larger than \(limits.maximumRequestBytes) bytes")
            }
            let request = try PortalMessage.parse(body)
            let response = try await dispatch(request, client: client)
            return Reply(status: 200, message: response.json)
        } catch let error as PortalError {
            logger.info("refused", metadata: ["code": "\(error.errorCode)", "client": "\(client)"])
            return Reply(status: error.httpStatus, message: error.json)
        } catch {
            logger.error("storage failure", metadata: ["error": "\(String(reflecting: error))"])
            let refusal = PortalError(.storageFailure, "the portal could not complete the request")
            return Reply(status: refusal.httpStatus, message: refusal.json)
        }
    }

    func dispatch(_ request: PortalMessage, client: String) async throws -> PortalMessage {
        guard request.name.hasSuffix("Request"),
            Self.transactions.contains(String(request.name.dropLast("Request".count)))
        else {
            throw PortalError(.unknownMessage, "the portal has no message \(request.name)")
        }
        switch request.name {
        case "HelloRequest": return try hello(request)
        case "ValidateAccountRequest": return try await validateAccount(request)
        case "CreateAccountRequest": return try await createAccount(request)
        case "PublishRequest": return try await publish(request)
        case "ChallengeRequest": return try await challenge(request, client: client)
        case "GetRequest": return try await get(request, client: client)
        case "DeleteRequest": return try await delete(request)
        case "ConnectStartRequest": return try await connectStart(request)
        case "ConnectPendingRequest": return try await connectPending(request)
        case "ConnectCompleteRequest": return try await connectComplete(request)
        case "ConnectStatusRequest": return try await connectStatus(request)
        default: return try await status(request)
        }
    }

    func hello(_ request: PortalMessage) throws(PortalError) -> PortalMessage {
        _ = try MessageReader(request, required: [])
        return PortalMessage(
            "HelloResponse",
            [
                "Version": .string(Self.version),
                "Versions": .array([.string(Self.version)]),
                "Encodings": .array([.string("application/json")]),
                "Path": .string(Self.path),
                "Messages": .array(Self.transactions.map { .string($0) }),
                "Limits": .object(limits.json.mapValues { .number($0) }),
            ]
        )
    }

    // MARK: Signed writes

    /// Checks a signed request's signature against the account's administrator key and records its nonce, in
    /// `records`' transaction. Returns the signature.
    func authorise(
        _ request: PortalMessage,
        signature: RequestSignature,
        adminKey: [UInt8],
        adminUDF: String,
        in records: PortalRecords,
        now: Int64
    ) async throws -> RequestSignature {
        try signature.verify(key: adminKey, udf: adminUDF)
        guard
            try await records.recordNonce(
                Base64URL.encode(signature.nonce),
                time: now,
                keepSince: now - 2 * limits.timeWindowSeconds
            )
        else {
            throw PortalError(.replayedNonce, "this request's nonce was seen before")
        }
        return signature
    }

    /// Runs `body` in one transaction for `request`, signed by the administrator of the account `name`: the
    /// signature's form and time are checked first, then, in the transaction, the account, the key and the nonce.
    func asAdministrator<Result: Sendable>(
        of name: String,
        _ request: PortalMessage,
        _ body: @Sendable @escaping (PortalRecords, PortalRecords.Account, Int64) async throws -> Result
    ) async throws -> Result {
        let now = clock()
        let signature = try readSignature(request, now: now)
        return try await store.transaction { transaction in
            let records = PortalRecords(transaction)
            let (account, key) = try await self.account(name, in: records)
            _ = try await self.authorise(
                request,
                signature: signature,
                adminKey: key,
                adminUDF: account.adminUDF,
                in: records,
                now: now
            )
            return try await body(records, account, now)
        }
    }

    /// Reads and time-checks the signature (before any storage work).
    func readSignature(_ request: PortalMessage, now: Int64) throws(PortalError) -> RequestSignature {
        let signature = try RequestSignature.read(request)
        try signature.checkTime(now: now, window: limits.timeWindowSeconds)
        return signature
    }

    /// The account and its administrator key; `unknown_account` when there is none.
    func account(_ name: String, in records: PortalRecords) async throws -> (PortalRecords.Account, [UInt8]) {
        guard let account = try await records.account(name), let key = Base64URL.decode(account.adminKey) else {
            throw PortalError(.unknownAccount, "there is no account \(name)")
        }
        return (account, key)
    }

    static func logHead(_ entry: PortalLogEntry) -> JSONValue {
        .object(["Sequence": .number(Double(entry.sequence)), "Hash": .string(Base64URL.encode(entry.hash))])
    }
}
