public import MeshCrypto

/// Writes a ``JSONValue`` as text: the one JSON writer. The layout and the escaping of strings are chosen per
/// document format, and each format keeps its own so that its bytes never change:
///
/// - ``Layout/compact``: no white space (signed payloads and headers, ``JSONValue/serialized``);
/// - ``Layout/pretty(separator:)``: two-space indents, one member per line (`": "` for escrow entries,
///   commitment documents, vector reports; `" : "` for key files, store files and the profile document);
/// - ``Layout/line``: one line, `", "` between items and `": "` after names (`--json` output, JWK exports).
///
/// Members of an `object` are written in sorted key order, those of an `orderedObject` in their order.
/// Secret strings (the placeholders of ``SecretJSON``) are copied from secure buffers into a secure output,
/// never into a `String`.
public struct JSONWriter: Sendable {
    public enum Layout: Sendable, Equatable {
        case compact
        case pretty(separator: String)
        case line
    }

    public enum Escaping: Sendable, Equatable {
        /// `\"`, `\\`, `\n`, `\r`, `\t`; other control characters, DEL to U+009F and U+2028 / U+2029 as `\u00XX`.
        case strict
        /// As Foundation's `JSONEncoder`: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as
        /// `\u00XX`; a solidus as `\/` when `slashes`.
        case encoder(slashes: Bool)
    }

    public let layout: Layout
    public let escaping: Escaping

    public init(layout: Layout, escaping: Escaping = .strict) {
        self.layout = layout
        self.escaping = escaping
    }

    /// The layout and escapes of Foundation's `JSONEncoder` with `.prettyPrinted` and `.sortedKeys` (`" : "`, a
    /// solidus escaped unless the encoder had `.withoutEscapingSlashes`): the form of key files, store files
    /// and the profile document, which were first written by that encoder.
    public static func encoderPretty(escapingSlashes: Bool) -> JSONWriter {
        JSONWriter(layout: .pretty(separator: " : "), escaping: .encoder(slashes: escapingSlashes))
    }

    /// The text of `value` (which must not hold secret placeholders).
    public func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: "", secrets: [], into: &output)
        return output
    }

    /// The text of `value` in secure memory; each placeholder of ``SecretJSON`` (`{"secret_index": i}`) is
    /// written as a string holding `secrets[i]`, which must be printable ASCII without `"` or `\`.
    public func secureText(_ value: JSONValue, secrets: [SecureBytes]) -> SecureBytes {
        var output = SecureOutput()
        write(value, indent: "", secrets: secrets, into: &output)
        return output.bytes
    }

    func write(_ value: JSONValue, indent: String, secrets: [SecureBytes], into output: inout some JSONOutput) {
        if !secrets.isEmpty, let secret = SecretJSON.secret(value, in: secrets) {
            output.append("\"")
            output.append(secret: secret)
            output.append("\"")
            return
        }
        switch value {
        case .string(let string): output.append(quote(string))
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 {
                output.append(String(Int64(number)))
            } else {
                output.append(String(number))
            }
        case .bool(let bool): output.append(bool ? "true" : "false")
        case .null: output.append("null")
        case .array(let items):
            writeContainer("[", "]", items.map { (nil, $0) }, indent: indent, secrets: secrets, into: &output)
        case .object(let members):
            writeContainer(
                "{",
                "}",
                members.keys.sorted().map { ($0, members[$0]!) },
                indent: indent,
                secrets: secrets,
                into: &output
            )
        case .orderedObject(let members):
            writeContainer(
                "{",
                "}",
                members.map { ($0.name, $0.value) },
                indent: indent,
                secrets: secrets,
                into: &output
            )
        }
    }

    private func writeContainer(
        _ open: String,
        _ close: String,
        _ items: [(String?, JSONValue)],
        indent: String,
        secrets: [SecureBytes],
        into output: inout some JSONOutput
    ) {
        output.append(open)
        let inner = indent + "  "
        let (between, afterName, first, last): (String, String, String, String)
        switch layout {
        case .compact: (between, afterName, first, last) = (",", ":", "", "")
        case .line: (between, afterName, first, last) = (", ", ": ", "", "")
        case .pretty(let separator):
            (between, afterName, first, last) = (",\n" + inner, separator, "\n" + inner, "\n" + indent)
        }
        if !items.isEmpty { output.append(first) }
        for (index, (name, item)) in items.enumerated() {
            if index > 0 { output.append(between) }
            if let name { output.append(quote(name) + afterName) }
            write(item, indent: inner, secrets: secrets, into: &output)
        }
        if !items.isEmpty { output.append(last) }
        output.append(close)
    }

    /// `value` as a JSON string literal (quotes and escapes).
    public func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "/" where escaping == .encoder(slashes: true): out += "\\/"
            case "\u{8}" where escaping != .strict: out += "\\b"
            case "\u{C}" where escaping != .strict: out += "\\f"
            case _
            where scalar.value < 0x20
                || escaping == .strict
                    && ((0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Where ``JSONWriter`` writes: a `String` (public documents) or secure memory.
protocol JSONOutput {
    mutating func append(_ text: String)
    mutating func append(secret: SecureBytes)
}

extension String: JSONOutput {
    mutating func append(secret: SecureBytes) {
        preconditionFailure("a secret placeholder is written only into secure memory")
    }
}

struct SecureOutput: JSONOutput {
    var bytes = SecureBytes([])

    mutating func append(_ text: String) { bytes.append(SecureBytes(Array(text.utf8))) }

    mutating func append(secret: SecureBytes) { bytes.append(secret) }
}

extension JSONValue {
    /// Compact JSON with sorted keys (strict escaping).
    public var serialized: String { JSONWriter(layout: .compact).text(self) }

    /// Pretty JSON (two-space indent, `": "`, sorted keys, strict escaping); no newline at the end.
    public func pretty() -> String { JSONWriter(layout: .pretty(separator: ": ")).text(self) }

    /// One line, `", "` and `": "` (strict escaping): the CLI's `--json` form.
    public var text: String { JSONWriter(layout: .line).text(self) }

    /// `value` as a JSON string literal, strict escaping.
    public static func quote(_ value: String) -> String { JSONWriter(layout: .compact).quote(value) }
}
