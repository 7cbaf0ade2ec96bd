internal import COpenSSL

/// A byte buffer for secret material.
///
/// The storage is wiped (`OPENSSL_cleanse`) over its whole capacity when the last copy is released, and it
/// never grows in place: appending past the capacity moves the bytes into a new buffer and wipes the old one.
/// Copies share storage until one is mutated (copy on write), so passing a `SecureBytes` around never
/// leaves stray copies of the secret behind. Equality is constant time.
///
/// Modelled on swift-crypto's `SecureBytes`.
public struct SecureBytes: @unchecked Sendable {
    @usableFromInline var storage: Storage

    /// An empty buffer.
    public init() { storage = Storage.create(capacity: 0) }

    /// A buffer of `count` zero bytes.
    public init(zeros count: Int) {
        storage = Storage.create(capacity: count)
        storage.withUnsafeMutablePointers { header, bytes in
            bytes.initialize(repeating: 0, count: count)
            header.pointee.count = count
        }
    }

    /// A buffer holding a copy of `bytes` (copied straight in, with no intermediate array).
    public init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let count = bytes.count
        storage = Storage.create(capacity: count)
        storage.withUnsafeMutablePointers { header, target in
            var index = 0
            for byte in bytes where index < count {
                (target + index).initialize(to: byte)
                index += 1
            }
            header.pointee.count = count
        }
    }

    /// A buffer holding a copy of `bytes` (the common case, without generic iteration).
    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SecureBytes($0) }
    }

    /// A buffer holding `prefix` followed by the contents of `rest`, built in one allocation.
    public init(prefix: [UInt8], _ rest: SecureBytes) {
        let total = prefix.count + rest.count
        storage = Storage.create(capacity: total)
        storage.withUnsafeMutablePointers { header, target in
            let raw = UnsafeMutableRawPointer(target)
            prefix.withUnsafeBytes { if let base = $0.baseAddress { raw.copyMemory(from: base, byteCount: $0.count) } }
            rest.withUnsafeBytes {
                if let base = $0.baseAddress { (raw + prefix.count).copyMemory(from: base, byteCount: $0.count) }
            }
            header.pointee.count = total
        }
    }

    /// A buffer holding a copy of the bytes at `buffer`.
    public init(_ buffer: UnsafeRawBufferPointer) {
        storage = Storage.create(capacity: buffer.count)
        storage.withUnsafeMutablePointers { header, target in
            if let base = buffer.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: buffer.count)
            }
            header.pointee.count = buffer.count
        }
    }

    /// A buffer of `count` bytes written by `body`, which receives that many zeroed bytes.
    ///
    /// `body` cannot throw, and neither can the closures of `withUnsafeBytes` and `withUnsafeMutableBytes`: a
    /// closure passed where a throwing one is expected receives the Swift error register, and the Swift 6.3
    /// optimizer can end such a closure with a tail call to `memset`/`memcpy` that leaves that register
    /// holding a scratch value, which the caller then takes for a thrown error (swiftlang/swift#90477). That
    /// made `store export --format openssh --private` crash in every release build. A caller that can fail
    /// records the failure inside `body` and throws after it returns. Docs/optimizer-rethrows.md.
    public init(count: Int, initializingWith body: (UnsafeMutableRawBufferPointer) -> Void) {
        storage = Storage.create(capacity: count)
        storage.withUnsafeMutablePointers { header, bytes in
            bytes.initialize(repeating: 0, count: count)
            header.pointee.count = count
            body(UnsafeMutableRawBufferPointer(start: bytes, count: count))
        }
    }

    public var count: Int { storage.header.count }
    public var isEmpty: Bool { count == 0 }

    /// The bytes, for reading inside `body` (which cannot throw: see `init(count:initializingWith:)`).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        storage.withUnsafeMutablePointers { header, bytes in
            body(UnsafeRawBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    /// The bytes, for changing inside `body` (which cannot throw: see `init(count:initializingWith:)`).
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(capacity: storage.header.capacity) }
        return storage.withUnsafeMutablePointers { header, bytes in
            body(UnsafeMutableRawBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    public subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < count, "SecureBytes index out of range")
            return storage.withUnsafeMutablePointerToElements { $0[index] }
        }
        set {
            precondition(index >= 0 && index < count, "SecureBytes index out of range")
            withUnsafeMutableBytes { $0[index] = newValue }
        }
    }

    /// Appends bytes, moving to a larger buffer (and wiping the old one) when needed.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let needed = count + bytes.count
        if !isKnownUniquelyReferenced(&storage) || storage.header.capacity < needed {
            storage = storage.copy(capacity: Swift.max(needed, storage.header.capacity * 2))
        }
        storage.withUnsafeMutablePointers { header, base in
            if let source = bytes.baseAddress {
                UnsafeMutableRawPointer(base + header.pointee.count).copyMemory(from: source, byteCount: bytes.count)
            }
            header.pointee.count = needed
        }
    }

    public mutating func append(_ other: SecureBytes) {
        other.withUnsafeBytes { append($0) }
    }

    /// Bytes `range` of this buffer, as a new secure buffer.
    public func slice(_ range: Range<Int>) -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "SecureBytes slice out of range")
        return withUnsafeBytes { SecureBytes(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// A copy in an ordinary array: for values that stop being secret (for example shares about to be
    /// printed). The caller owns the copy's hygiene.
    public var unprotectedBytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

extension SecureBytes: Equatable {
    /// Constant-time comparison of contents (lengths are compared first and are not secret).
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in ConstantTime.equal(a, b) } }
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never prints the contents.
    public var description: String { "SecureBytes(\(count) bytes)" }
    public var debugDescription: String { description }
}

extension SecureBytes {
    /// The bytes in use and the capacity asked for. The capacity is kept here rather than read from
    /// `ManagedBuffer.capacity`, which asks the allocator (`malloc_usable_size`) and crashes when the optimizer
    /// has put the buffer on the stack: that is what the release build of the suite hit when an empty
    /// `SecureBytes` was released (Docs/optimizer-rethrows.md, "A second release-only crash").
    @usableFromInline
    struct Header {
        var count: Int
        let capacity: Int
    }

    @usableFromInline
    final class Storage: ManagedBuffer<Header, UInt8> {
        static func create(capacity: Int) -> Storage {
            let buffer = Storage.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity) }
            // swiftlint:disable:next force_cast
            return unsafeDowncast(buffer, to: Storage.self)
        }

        func copy(capacity: Int) -> Storage {
            let fresh = Storage.create(capacity: Swift.max(capacity, header.count))
            let used = header.count
            withUnsafeMutablePointerToElements { source in
                fresh.withUnsafeMutablePointers { header, target in
                    target.initialize(from: source, count: used)
                    header.pointee.count = used
                }
            }
            return fresh
        }

        deinit {
            // Wipe the whole capacity asked for, not only the bytes in use.
            let size = header.capacity
            withUnsafeMutablePointerToElements { copenssl_cleanse($0, size) }
        }
    }
}
