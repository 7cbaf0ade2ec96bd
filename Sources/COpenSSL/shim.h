#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// OpenSSL 3 libcrypto as seen from Swift.
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

// OSSL_PARAM keeps the key pointer it is given. Swift bridges C string macros to temporary buffers,
// so every parameter name is exported here with static storage.
static const char *const COPENSSL_KDF_PARAM_DIGEST = OSSL_KDF_PARAM_DIGEST;
static const char *const COPENSSL_KDF_PARAM_KEY = OSSL_KDF_PARAM_KEY;
static const char *const COPENSSL_KDF_PARAM_SALT = OSSL_KDF_PARAM_SALT;
static const char *const COPENSSL_KDF_PARAM_INFO = OSSL_KDF_PARAM_INFO;
static const char *const COPENSSL_KDF_PARAM_MODE = OSSL_KDF_PARAM_MODE;
static const char *const COPENSSL_MAC_PARAM_DIGEST = OSSL_MAC_PARAM_DIGEST;
static const char *const COPENSSL_CIPHER_PARAM_AEAD_IVLEN = OSSL_CIPHER_PARAM_AEAD_IVLEN;
static const char *const COPENSSL_DIGEST_PARAM_XOFLEN = OSSL_DIGEST_PARAM_XOFLEN;

// Static algorithm names, so that no fetched object keeps a pointer into a Swift temporary.
static const char *const COPENSSL_SHA256 = "SHA256";
static const char *const COPENSSL_SHA512 = "SHA512";
static const char *const COPENSSL_SHA3_512 = "SHA3-512";
static const char *const COPENSSL_SHAKE256 = "SHAKE256";
static const char *const COPENSSL_HKDF = "HKDF";
static const char *const COPENSSL_HMAC = "HMAC";

static inline void copenssl_cleanse(void *ptr, size_t len) { OPENSSL_cleanse(ptr, len); }

// --- AEAD, key wrap, EdDSA / ECDH keys and their encodings (MeshCrypto: AESGCM, AESKeyWrap,
// StandardKeys, EdDSA, KeyAgreement, KeyEncoding).
#include <openssl/decoder.h>
#include <openssl/encoder.h>

static const char *const COPENSSL_AES_256_GCM = "AES-256-GCM";
// AES key wrap runs RFC 3394 in MeshCrypto over single AES-256 blocks (ECB): OpenSSL 3.0's "AES-256-WRAP"
// uses its table-based AES_encrypt, whose memory indices depend on the key.
static const char *const COPENSSL_AES_256_ECB = "AES-256-ECB";
static const char *const COPENSSL_KEYTYPE_ED25519 = "ED25519";
static const char *const COPENSSL_KEYTYPE_ED448 = "ED448";
static const char *const COPENSSL_KEYTYPE_X25519 = "X25519";
static const char *const COPENSSL_KEYTYPE_X448 = "X448";
static const char *const COPENSSL_FORMAT_DER = "DER";
static const char *const COPENSSL_FORMAT_PEM = "PEM";
static const char *const COPENSSL_STRUCTURE_PRIVATE_KEY_INFO = "PrivateKeyInfo";
static const char *const COPENSSL_STRUCTURE_SUBJECT_PUBLIC_KEY_INFO = "SubjectPublicKeyInfo";
// EdDSA context strings (Ed448, RFC 8032 §5.2) arrived in OpenSSL 3.2; the 3.0 headers lack the name.
#ifdef OSSL_SIGNATURE_PARAM_CONTEXT_STRING
static const char *const COPENSSL_SIGNATURE_PARAM_CONTEXT_STRING = OSSL_SIGNATURE_PARAM_CONTEXT_STRING;
#else
static const char *const COPENSSL_SIGNATURE_PARAM_CONTEXT_STRING = "context-string";
#endif

// Selections for the encoder and decoder (composite macros).
static const int COPENSSL_SELECT_KEYPAIR = EVP_PKEY_KEYPAIR;
static const int COPENSSL_SELECT_PUBLIC_KEY = EVP_PKEY_PUBLIC_KEY;

// OPENSSL_clear_free is a macro (file and line arguments).
static inline void copenssl_clear_free(void *ptr, size_t len) { OPENSSL_clear_free(ptr, len); }

// --- scrypt (MeshCrypto: Scrypt), for the key store's passphrase key.
static const char *const COPENSSL_SCRYPT = "SCRYPT";
static const char *const COPENSSL_KDF_PARAM_PASSWORD = OSSL_KDF_PARAM_PASSWORD;
static const char *const COPENSSL_KDF_PARAM_SCRYPT_N = OSSL_KDF_PARAM_SCRYPT_N;
static const char *const COPENSSL_KDF_PARAM_SCRYPT_R = OSSL_KDF_PARAM_SCRYPT_R;
static const char *const COPENSSL_KDF_PARAM_SCRYPT_P = OSSL_KDF_PARAM_SCRYPT_P;
static const char *const COPENSSL_KDF_PARAM_SCRYPT_MAXMEM = OSSL_KDF_PARAM_SCRYPT_MAXMEM;
#endif
