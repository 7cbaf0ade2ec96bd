public import MeshCrypto

extension UDFError.Code {
    /// Text that decodes as Base32 but is not the canonical presentation of the bytes it decodes to (it
    /// would come back differently: `hunter2` decodes to bytes that encode as `HUNT-ERY`), so it was not
    /// meant as Base32.
    public static let notCanonical = UDFError.Code("not_canonical")
}

/// Canonical Base32 text and Base32 written into secure buffers.
extension Base32 {
    /// The bytes of `text` when it is the canonical presentation of them (a UDF or a Base32 string as
    /// ``encode(_:dashed:)`` writes it), modulo case and dashes: only dashes separate (no spaces), the
    /// character count is ⌈8n/5⌉ for the n bytes decoded, and the bits of the last character past the last
    /// whole byte are zero; RFC 4648 `=` padding to a multiple of 8 characters is accepted at the end.
    /// Equivalently: the text decodes, and re-encoding the bytes gives the same text without dashes, upper
    /// case. At least one byte.
    ///
    /// Errors: `invalid_character` (a character outside A–Z, 2–7 and dash, or misplaced padding),
    /// `invalid_length` (no bytes, or characters left over that do not make a whole byte), `not_canonical`
    /// (spaces, or non-zero bits after the last byte). Reasons name positions and counts, never the text.
    public static func decodeCanonical(_ text: String) throws(UDFError) -> SecureBytes {
        var body = Substring(text)
        var padding = 0
        while body.last == "=" {
            body = body.dropLast()
            padding += 1
        }
        var position = 0
        for scalar in body.unicodeScalars {
            position += 1
            if scalar == "=" {
                throw UDFError(
                    .invalidCharacter,
                    "'=' at character \(position) is padding inside the text (padding only ends a Base32 string)",
                    position: position
                )
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                throw UDFError(
                    .notCanonical,
                    "a space at character \(position): a UDF or Base32 string is separated by dashes only",
                    position: position
                )
            }
        }
        let decoded = try decodeCounting(String(body))
        let count = decoded.bytes.count
        guard count > 0 else { throw UDFError(.invalidLength, "no Base32 characters") }
        guard decoded.characters == characterCount(byteCount: count) else {
            throw UDFError(.invalidLength, "\(decoded.characters) Base32 characters do not encode whole bytes")
        }
        if padding > 0 && (decoded.characters + padding) % 8 != 0 || padding >= 8
            || padding > 0 && decoded.characters % 8 == 0
        {
            throw UDFError(
                .invalidCharacter,
                "\(padding) '=' after \(decoded.characters) characters is not RFC 4648 padding"
            )
        }
        let unusedBits = 5 * decoded.characters - 8 * count
        if unusedBits > 0 {
            // The last Base32 character: its low bits past the last byte must be zero.
            let last = body.utf8.last(where: { !isSeparator($0) })!
            let low = value(of: last).value & UInt8((1 << unusedBits) - 1)
            if low != 0 {
                throw UDFError(
                    .notCanonical,
                    "the last character carries bits past the last byte: these \(decoded.characters) characters are not the Base32 of any bytes (it would read back differently)"
                )
            }
        }
        return decoded.bytes
    }

    /// The presentation of `bytes` written into a secure buffer (no String copy): dashed every four
    /// characters when `dashed`, padded with `=` to a multiple of 8 characters when `padded` (RFC 4648).
    public static func encodeSecure(_ bytes: SecureBytes, dashed: Bool = true, padded: Bool = false) -> SecureBytes {
        let characters = characterCount(byteCount: bytes.count)
        let padding = padded ? (8 - characters % 8) % 8 : 0
        let dashes = dashed && characters > 0 ? (characters - 1) / 4 : 0
        return bytes.withUnsafeBytes { input in
            SecureBytes(count: characters + dashes + padding) { output in
                var written = write(input, characters: characters, dashed: dashed, into: output)
                for _ in 0..<padding {
                    output[written] = 0x3D
                    written += 1
                }
            }
        }
    }
}
