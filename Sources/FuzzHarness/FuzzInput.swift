/// Reads a fuzz input front to back. Past the end it yields zeros, so every input is a complete
/// description of a test case (libFuzzer shortens inputs freely).
struct FuzzInput {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// A number in `range` (at most 256 values) from one byte.
    mutating func number(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(byte()) % range.count
    }

    /// The next `count` bytes, padded with zeros.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in byte() }
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { position = Swift.max(position, bytes.count) }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}
