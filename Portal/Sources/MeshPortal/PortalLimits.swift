/// The portal's limits, stated by `HelloResponse`.
public struct PortalLimits: Sendable, Equatable {
    /// The largest request body accepted (bytes).
    public var maximumRequestBytes = 256 * 1024
    /// How far a signature's Time may be from the portal's clock (seconds); nonces are kept twice as long.
    public var timeWindowSeconds: Int64 = 300
    /// How long a Get challenge stays valid (seconds).
    public var challengeSeconds: Int64 = 120
    /// Failed proofs on one offline entry before it is locked.
    public var maximumFailuresPerIdentifier: Int64 = 5
    /// Failed proofs from one client (address) before it is locked.
    public var maximumFailuresPerClient: Int64 = 20
    /// The window failures are counted in, and how long a lockout lasts (seconds).
    public var lockoutSeconds: Int64 = 900

    public init() {}

    var json: [String: Double] {
        [
            "MaximumRequestBytes": Double(maximumRequestBytes), "TimeWindowSeconds": Double(timeWindowSeconds),
            "ChallengeSeconds": Double(challengeSeconds),
            "MaximumFailuresPerIdentifier": Double(maximumFailuresPerIdentifier),
            "MaximumFailuresPerClient": Double(maximumFailuresPerClient), "LockoutSeconds": Double(lockoutSeconds),
        ]
    }
}
