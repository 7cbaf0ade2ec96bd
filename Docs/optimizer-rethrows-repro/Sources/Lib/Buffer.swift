// The library side: a buffer whose initializer and accessor take throwing closures and rethrow, as
// meshkey's SecureBytes did. Nothing here is wrong; the miscompile is in the caller's closure (Use).
import Glibc

public final class Storage: ManagedBuffer<Int, UInt8> {
    static func make(capacity: Int) -> Storage {
        unsafeDowncast(Storage.create(minimumCapacity: capacity) { _ in 0 }, to: Storage.self)
    }
    deinit { _ = withUnsafeMutablePointerToElements { memset($0, 0, capacity) } }
}

public struct Buffer {
    var storage: Storage

    public init(count: Int, initializingWith body: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        storage = Storage.make(capacity: count)
        try storage.withUnsafeMutablePointers { header, bytes in
            bytes.initialize(repeating: 0, count: count)
            header.pointee = count
            try body(UnsafeMutableRawBufferPointer(start: bytes, count: count))
        }
    }

    public init(_ bytes: [UInt8]) {
        self.init(count: bytes.count) { out in for (i, b) in bytes.enumerated() { out[i] = b } }
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointers { header, bytes in
            try body(UnsafeRawBufferPointer(start: bytes, count: header.pointee))
        }
    }

    public var count: Int { storage.withUnsafeMutablePointers { header, _ in header.pointee } }
}
