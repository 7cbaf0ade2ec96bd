public import MeshCrypto

/// A strict JSON parser (RFC 8259, UTF-8, no duplicate member names, nesting at most 32 deep, numbers within
/// Double's range), used for every JSON document meshkey reads, and in particular for decrypted documents and
/// key files that hold secrets. The string values of members named `secretMember` (such as a JWK's `d`) are
/// copied straight from the secure input into secure buffers, never into a Swift `String`; in the
/// returned tree such a member holds `{"secret_index": i}`, an index into `secrets`. A `secretMember`
/// whose value is not a plain string (no escapes) is refused, so such a placeholder cannot be forged.
public enum SecretJSON {
    public static let placeholderKey = "secret_index"

    public static func parse(_ bytes: SecureBytes, secretMember: String) -> (value: JSONValue, secrets: [SecureBytes])?
    {
        bytes.withUnsafeBytes { buffer in
            var parser = Parser(input: buffer, secretMember: Array(secretMember.utf8))
            return parser.document().map { ($0, parser.secrets) }
        }
    }

    /// Parses public JSON with the same strict rules (no secret members).
    static func parsePublic(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBytes { buffer in
            var parser = Parser(input: buffer, secretMember: nil)
            return parser.document()
        }
    }

    /// The placeholder for `secrets[index]`.
    public static func placeholder(_ index: Int) -> JSONValue { .object([placeholderKey: .number(Double(index))]) }

    /// The secure buffer a placeholder refers to.
    public static func secret(_ value: JSONValue?, in secrets: [SecureBytes]) -> SecureBytes? {
        guard let object = value?.objectValue, object.count == 1, case .number(let index)? = object[placeholderKey],
            index >= 0, index < Double(secrets.count), index == index.rounded()
        else { return nil }
        return secrets[Int(index)]
    }

    struct Parser {
        let input: UnsafeRawBufferPointer
        let secretMember: [UInt8]?
        var position = 0
        var secrets: [SecureBytes] = []

        init(input: UnsafeRawBufferPointer, secretMember: [UInt8]?) {
            self.input = input
            self.secretMember = secretMember
        }

        /// One value and nothing after it but white space.
        mutating func document() -> JSONValue? {
            guard let value = value(depth: 0) else { return nil }
            skipSpace()
            return position == input.count ? value : nil
        }

        mutating func skipSpace() {
            while position < input.count, [0x20, 0x09, 0x0A, 0x0D].contains(input[position]) { position += 1 }
        }

        mutating func literal(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard position + bytes.count <= input.count else { return false }
            for (offset, byte) in bytes.enumerated() where input[position + offset] != byte { return false }
            position += bytes.count
            return true
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth <= 32 else { return nil }
            skipSpace()
            guard position < input.count else { return nil }
            switch input[position] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map { .string(String(decoding: $0, as: UTF8.self)) }
            case 0x74: return literal("true") ? .bool(true) : nil
            case 0x66: return literal("false") ? .bool(false) : nil
            case 0x6E: return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func object(depth: Int) -> JSONValue? {
            position += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if position < input.count, input[position] == 0x7D {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard position < input.count, input[position] == 0x22, let keyBytes = string() else { return nil }
                let key = String(decoding: keyBytes, as: UTF8.self)
                guard members[key] == nil else { return nil }
                skipSpace()
                guard position < input.count, input[position] == 0x3A else { return nil }
                position += 1
                if keyBytes == secretMember {
                    guard let secret = secretString() else { return nil }
                    members[key] = SecretJSON.placeholder(secrets.count)
                    secrets.append(secret)
                } else {
                    guard let member = value(depth: depth + 1) else { return nil }
                    members[key] = member
                }
                skipSpace()
                guard position < input.count else { return nil }
                if input[position] == 0x2C {
                    position += 1
                    continue
                }
                if input[position] == 0x7D {
                    position += 1
                    return .object(members)
                }
                return nil
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < input.count, input[position] == 0x5D {
                position += 1
                return .array(items)
            }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard position < input.count else { return nil }
                if input[position] == 0x2C {
                    position += 1
                    continue
                }
                if input[position] == 0x5D {
                    position += 1
                    return .array(items)
                }
                return nil
            }
        }

        /// A secret string: printable ASCII without escapes, copied into a secure buffer.
        mutating func secretString() -> SecureBytes? {
            skipSpace()
            guard position < input.count, input[position] == 0x22 else { return nil }
            let start = position + 1
            var end = start
            while end < input.count, input[end] != 0x22 {
                guard input[end] >= 0x20, input[end] < 0x7F, input[end] != 0x5C else { return nil }
                end += 1
            }
            guard end < input.count else { return nil }
            position = end + 1
            return SecureBytes(UnsafeRawBufferPointer(rebasing: input[start..<end]))
        }

        /// A string's UTF-8 bytes, escapes resolved.
        mutating func string() -> [UInt8]? {
            position += 1
            var out: [UInt8] = []
            while position < input.count {
                let byte = input[position]
                position += 1
                switch byte {
                case 0x22:
                    return String(validating: out, as: UTF8.self) == nil ? nil : out
                case 0x5C:
                    guard position < input.count else { return nil }
                    let escape = input[position]
                    position += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: out.append(escape)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75:
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        out += Array(String(Character(unicode)).utf8)
                    default: return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= input.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = input[position]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        mutating func number() -> JSONValue? {
            let start = position
            if position < input.count, input[position] == 0x2D { position += 1 }
            var digits = 0
            while position < input.count, (0x30...0x39).contains(input[position]) {
                position += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            if digits > 1 && input[start + (input[start] == 0x2D ? 1 : 0)] == 0x30 { return nil }
            if position < input.count, input[position] == 0x2E {
                position += 1
                var fraction = 0
                while position < input.count, (0x30...0x39).contains(input[position]) {
                    position += 1
                    fraction += 1
                }
                guard fraction > 0 else { return nil }
            }
            if position < input.count, input[position] == 0x65 || input[position] == 0x45 {
                position += 1
                if position < input.count, input[position] == 0x2B || input[position] == 0x2D { position += 1 }
                var exponent = 0
                while position < input.count, (0x30...0x39).contains(input[position]) {
                    position += 1
                    exponent += 1
                }
                guard exponent > 0 else { return nil }
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
            // Beyond Double's range the value would be infinity, which has no JSON form: refused.
            guard let value = Double(text), value.isFinite else { return nil }
            return .number(value)
        }
    }
}
