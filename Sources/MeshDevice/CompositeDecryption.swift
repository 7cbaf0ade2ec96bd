public import MeshCrypto
public import MeshJOSE
import MeshJSON
public import MeshKeys
import MeshMath

/// Opens an `ECDH-ES+A256KW` + `A256GCM` JWE (as MeshJOSE writes them) with a composite X448 key: a raw
/// scalar mod L that OpenSSL cannot load (X448 would clamp it). The agreement is scalar·epk on MeshMath's
/// curve arithmetic (the u of the result does not depend on the sign of v, so the epk's u is decoded with
/// either parity); the rest is RFC 7518 §4.6: Concat KDF, AES key unwrap, AES-GCM over the protected header.
public enum CompositeDecryption {
    public static func decrypt(_ jwe: JWE, key: ScalarKey) throws(DeviceError) -> SecureBytes {
        guard key.curve == .x448 || key.curve == .x25519 else {
            throw DeviceError("invalid_key", "a composite encryption key is X448")
        }
        guard !jwe.recipients.isEmpty else { throw DeviceError("not_encrypted_to_key", "the JWE has no recipients") }
        var cek: SecureBytes?
        for index in jwe.recipients.indices {
            let header: [String: JSONValue]
            do { header = try jwe.joinedHeader(recipient: index) } catch {
                throw DeviceError("jwe_malformed", error.description)
            }
            guard header["crit"] == nil, header["zip"] == nil else {
                throw DeviceError("jwe_malformed", "critical or compression parameters are not supported")
            }
            guard header["alg"]?.stringValue == JWE.agreementAlgorithm,
                header["enc"]?.stringValue == JWE.contentEncryption,
                jwe.protectedHeader["enc"] != nil
            else {
                throw DeviceError("jwe_malformed", "only ECDH-ES+A256KW with A256GCM (enc protected) is supported")
            }
            guard let epkValue = header["epk"] else {
                throw DeviceError("jwe_malformed", "recipient \(index + 1) has no epk")
            }
            let epk: OKPKey
            do { epk = try OKPKey(json: epkValue) } catch { throw DeviceError("jwe_malformed", error.description) }
            guard epk.d == nil, epk.algorithm.rawValue == key.curve.rawValue else { continue }
            let peer: GroupElement
            do { peer = try GroupElement.decode(epk.x + [0x00], curve: key.curve) } catch {
                throw DeviceError("jwe_malformed", "the epk is not a valid \(key.curve.rawValue) point: \(error)")
            }
            let shared: GroupElement
            do { shared = try key.agreement(with: peer) } catch {
                throw DeviceError("jwe_malformed", error.description)
            }
            let apu = header["apu"]?.stringValue.flatMap(Base64URL.decode) ?? []
            let apv = header["apv"]?.stringValue.flatMap(Base64URL.decode) ?? []
            let kek = ConcatKDF.deriveKey(
                sharedSecret: SecureBytes(shared.agreementBytes),
                algorithmID: JWE.agreementAlgorithm,
                partyUInfo: apu,
                partyVInfo: apv,
                byteCount: 32
            )
            if let unwrapped = try? AESKeyWrap.unwrap(jwe.recipients[index].encryptedKey, kek: kek),
                unwrapped.count == AESGCM.keyByteCount
            {
                cek = unwrapped
                break
            }
        }
        guard let cek else {
            throw DeviceError("not_encrypted_to_key", "no recipient's key unwraps with this composite key")
        }
        guard jwe.iv.count == AESGCM.nonceByteCount, jwe.tag.count == AESGCM.tagByteCount else {
            throw DeviceError("jwe_malformed", "the IV or tag has the wrong length")
        }
        var aad = Array(jwe.protectedText.utf8)
        if let aadText = jwe.aadText { aad += Array(".\(aadText)".utf8) }
        do {
            return try AESGCM.open(
                ciphertext: jwe.ciphertext,
                tag: jwe.tag,
                key: cek,
                nonce: jwe.iv,
                authenticating: aad
            )
        } catch {
            throw DeviceError("jwe_tampered", "the JWE does not decrypt (tag check failed)")
        }
    }

    /// Encrypts to a composite (or any) X448 public key given in the extended or plain encoding.
    public static func encrypt(_ plaintext: SecureBytes, to publicKey: [UInt8], kid: String?) throws(DeviceError) -> JWE
    {
        do {
            let key = try OpenSSLPublicKey(algorithm: .x448, rawRepresentation: Array(publicKey.prefix(56)))
            return try JWE.encrypt(plaintext, to: [JWE.AgreementRecipient(key: key, kid: kid)])
        } catch { throw DeviceError("encryption_failed", "\(error)") }
    }
}
