#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The portal's clock: Unix seconds.
public enum PortalClock {
    public static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
