import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore

/// The request context of the portal's routes: records the client's address (for the attempt limits).
public struct PortalRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address without its port ("unknown" when the channel has none).
    var client: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// The HTTP front of ``PortalService``: `POST` ``PortalService/path`` with a message, the reply with its status
/// and `application/json`. TLS is left to a reverse proxy (Docs/portal.md); the default address is loopback.
public enum PortalServer {
    /// The router with the portal's one route.
    public static func router(service: PortalService) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        let limit = service.limits.maximumRequestBytes
        router.post(RouterPath(PortalService.path)) { request, context -> Response in
            var request = request
            let reply: PortalService.Reply
            do {
                let buffer = try await request.collectBody(upTo: limit + 1)
                reply = await service.respond(to: Array(buffer: buffer), client: context.client)
            } catch {
                let refusal = PortalError(.requestTooLarge, "the request is larger than \(limit) bytes")
                reply = PortalService.Reply(status: refusal.httpStatus, message: refusal.json)
            }
            return Response(
                status: HTTPResponse.Status(code: reply.status),
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.bytes))
            )
        }
        return router
    }

    /// The application serving `service` on `host`:`port` (port 0: any free port, see `onServerRunning`).
    public static func application(
        service: PortalService,
        host: String = "127.0.0.1",
        port: Int = 8080,
        logger: Logger = Logger(label: "meshkey-portal"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        -> some ApplicationProtocol
    {
        Application(
            router: router(service: service),
            configuration: .init(address: .hostname(host, port: port), serverName: "meshkey-portal"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
