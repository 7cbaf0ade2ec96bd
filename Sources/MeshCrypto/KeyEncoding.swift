internal import COpenSSL

/// PKCS#8 (`PrivateKeyInfo`, RFC 5208 / RFC 8410) and SubjectPublicKeyInfo (RFC 5280 / RFC 8410)
/// encodings, in DER and PEM, through OpenSSL's `OSSL_ENCODER` / `OSSL_DECODER`.
///
/// Only unencrypted PKCS#8 is read or written; encrypted private keys are refused (no passphrase is ever
/// asked for).
enum KeyEncoding {
    enum Format {
        case der, pem
        var name: UnsafePointer<CChar> { self == .der ? COPENSSL_FORMAT_DER : COPENSSL_FORMAT_PEM }
    }

    /// Encodes `key` (private parts included when `selection` says so). Output goes through
    /// OpenSSL-allocated memory, which is cleansed and freed here.
    static func encode<R>(
        _ key: OpaquePointer,
        selection: Int32,
        structure: UnsafePointer<CChar>,
        format: Format,
        _ body: (UnsafeRawBufferPointer) -> R
    ) throws(OpenSSLKeyError) -> R {
        guard let context = OSSL_ENCODER_CTX_new_for_pkey(key, selection, format.name, structure, nil) else {
            throw .openSSL(.drain("OSSL_ENCODER_CTX_new_for_pkey"))
        }
        defer { OSSL_ENCODER_CTX_free(context) }
        guard OSSL_ENCODER_CTX_get_num_encoders(context) > 0 else {
            throw .openSSL(.drain("OSSL_ENCODER_CTX_new_for_pkey (no encoder)"))
        }
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard OSSL_ENCODER_to_data(context, &data, &length) == 1, let data else {
            throw .openSSL(.drain("OSSL_ENCODER_to_data"))
        }
        defer { copenssl_clear_free(data, length) }
        return body(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Decodes one key from `input`, which must be consumed entirely (for PEM, up to trailing whitespace).
    /// Returns an owned `EVP_PKEY`.
    static func decode(
        _ input: UnsafeRawBufferPointer,
        selection: Int32,
        structure: UnsafePointer<CChar>,
        format: Format
    ) throws(OpenSSLKeyError) -> OpaquePointer {
        var key: OpaquePointer?
        guard let context = OSSL_DECODER_CTX_new_for_pkey(&key, format.name, structure, nil, selection, nil, nil) else {
            throw .openSSL(.drain("OSSL_DECODER_CTX_new_for_pkey"))
        }
        defer { OSSL_DECODER_CTX_free(context) }
        // Never prompt for a passphrase: encrypted keys simply fail to decode.
        _ = OSSL_DECODER_CTX_set_passphrase_cb(context, { _, _, _, _, _ in 0 }, nil)
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else {
            throw .malformedEncoding(OpenSSLError(call: "OSSL_DECODER_from_data", reasons: ["empty input"]))
        }
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(base)
        var remaining = input.count
        guard OSSL_DECODER_from_data(context, &cursor, &remaining) == 1, let key else {
            throw .malformedEncoding(.drain("OSSL_DECODER_from_data"))
        }
        ERR_clear_error()  // decoders that tried and declined may leave entries behind
        if remaining > 0, let cursor {
            let rest = UnsafeRawBufferPointer(start: cursor, count: remaining)
            let whitespace: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0d]
            if format == .der || !rest.allSatisfy(whitespace.contains) {
                EVP_PKEY_free(key)
                throw .malformedEncoding(
                    OpenSSLError(
                        call: "OSSL_DECODER_from_data",
                        reasons: ["\(remaining) bytes of trailing data"]
                    )
                )
            }
        }
        return key
    }
}

extension OpenSSLPrivateKey {
    /// PKCS#8 `PrivateKeyInfo` DER, in secure memory.
    public func derRepresentation() throws(OpenSSLKeyError) -> SecureBytes {
        try KeyEncoding.encode(
            key.pointer,
            selection: COPENSSL_SELECT_KEYPAIR,
            structure: COPENSSL_STRUCTURE_PRIVATE_KEY_INFO,
            format: .der
        ) { SecureBytes($0) }
    }

    /// PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), in secure memory.
    public func pemRepresentation() throws(OpenSSLKeyError) -> SecureBytes {
        try KeyEncoding.encode(
            key.pointer,
            selection: COPENSSL_SELECT_KEYPAIR,
            structure: COPENSSL_STRUCTURE_PRIVATE_KEY_INFO,
            format: .pem
        ) { SecureBytes($0) }
    }

    /// A private key from unencrypted PKCS#8 DER (version 1; OpenSSL 3.0 refuses RFC 5958 version 2,
    /// which adds the public key). The form OpenSSL writes is read without OpenSSL (``PKCS8Raw``), so the raw
    /// key goes straight into a `SecureBytes`; other forms go through OpenSSL's decoder.
    public init(derRepresentation: SecureBytes) throws(OpenSSLKeyError) {
        if let (algorithm, raw) = derRepresentation.withUnsafeBytes({ PKCS8Raw.raw(der: $0) }) {
            try self.init(algorithm: algorithm, rawRepresentation: raw)
            return
        }
        let pointer = try derRepresentation.withUnsafeBytes { bytes in
            Result { () throws(OpenSSLKeyError) in
                try KeyEncoding.decode(
                    bytes,
                    selection: COPENSSL_SELECT_KEYPAIR,
                    structure: COPENSSL_STRUCTURE_PRIVATE_KEY_INFO,
                    format: .der
                )
            }
        }.get()
        try self.init(owning: pointer)
    }

    /// A private key from unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); as for DER, the form
    /// OpenSSL writes is read without OpenSSL.
    public init(pemRepresentation: SecureBytes) throws(OpenSSLKeyError) {
        if let der = pemRepresentation.withUnsafeBytes({ PKCS8Raw.der(pem: $0) }),
            let (algorithm, raw) = der.withUnsafeBytes({ PKCS8Raw.raw(der: $0) })
        {
            try self.init(algorithm: algorithm, rawRepresentation: raw)
            return
        }
        let pointer = try pemRepresentation.withUnsafeBytes { bytes in
            Result { () throws(OpenSSLKeyError) in
                try KeyEncoding.decode(
                    bytes,
                    selection: COPENSSL_SELECT_KEYPAIR,
                    structure: COPENSSL_STRUCTURE_PRIVATE_KEY_INFO,
                    format: .pem
                )
            }
        }.get()
        try self.init(owning: pointer)
    }
}

extension OpenSSLPublicKey {
    /// SubjectPublicKeyInfo DER.
    public func derRepresentation() throws(OpenSSLKeyError) -> [UInt8] {
        try KeyEncoding.encode(
            key.pointer,
            selection: COPENSSL_SELECT_PUBLIC_KEY,
            structure: COPENSSL_STRUCTURE_SUBJECT_PUBLIC_KEY_INFO,
            format: .der
        ) { Array($0) }
    }

    /// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    public func pemRepresentation() throws(OpenSSLKeyError) -> String {
        try KeyEncoding.encode(
            key.pointer,
            selection: COPENSSL_SELECT_PUBLIC_KEY,
            structure: COPENSSL_STRUCTURE_SUBJECT_PUBLIC_KEY_INFO,
            format: .pem
        ) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// A public key from SubjectPublicKeyInfo DER.
    public init(derRepresentation: [UInt8]) throws(OpenSSLKeyError) {
        let pointer = try derRepresentation.withUnsafeBytes { bytes in
            Result { () throws(OpenSSLKeyError) in
                try KeyEncoding.decode(
                    bytes,
                    selection: COPENSSL_SELECT_PUBLIC_KEY,
                    structure: COPENSSL_STRUCTURE_SUBJECT_PUBLIC_KEY_INFO,
                    format: .der
                )
            }
        }.get()
        try self.init(owning: pointer)
    }

    /// A public key from SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    public init(pemRepresentation: String) throws(OpenSSLKeyError) {
        let pointer = try Array(pemRepresentation.utf8).withUnsafeBytes { bytes in
            Result { () throws(OpenSSLKeyError) in
                try KeyEncoding.decode(
                    bytes,
                    selection: COPENSSL_SELECT_PUBLIC_KEY,
                    structure: COPENSSL_STRUCTURE_SUBJECT_PUBLIC_KEY_INFO,
                    format: .pem
                )
            }
        }.get()
        try self.init(owning: pointer)
    }
}
