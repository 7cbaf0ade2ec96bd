/* How many heap blocks that OpenSSL frees still hold a private key (Docs/security.md, "What a process
 * leaves behind"). hook.c replaces free(3) and searches every block being freed for the key's 32 bytes.
 * Build and run:  cc -O1 -o probe probe.c hook.c -lcrypto -ldl && ./probe
 * Each line counts the freed blocks holding the key during one step. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
extern unsigned char heap_pattern[32]; extern int heap_armed; extern int heap_hits;
int main(void) {
    for (int i = 0; i < 32; i++) heap_pattern[i] = (unsigned char)(0xA5 ^ (i * 37));
    unsigned char raw[32]; memcpy(raw, heap_pattern, 32);
    /* warm up providers */
    EVP_PKEY *w = EVP_PKEY_new_raw_private_key_ex(NULL, "ED25519", NULL, raw, 32); EVP_PKEY_free(w);
    heap_armed = 1; heap_hits = 0;
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key_ex(NULL, "ED25519", NULL, raw, 32);
    printf("new_raw_private_key: %d freed blocks held the key\n", heap_hits); heap_hits = 0;
    size_t n = 0; EVP_PKEY_get_raw_private_key(k, NULL, &n);
    printf("get_raw_private_key(size query): %d\n", heap_hits); heap_hits = 0;
    unsigned char out[32]; n = 32; EVP_PKEY_get_raw_private_key(k, out, &n);
    printf("get_raw_private_key(copy): %d\n", heap_hits); heap_hits = 0;
    unsigned char msg[3] = {1,2,3}, sig[64]; size_t sl = 64;
    EVP_MD_CTX *c = EVP_MD_CTX_new(); EVP_DigestSignInit_ex(c, NULL, NULL, NULL, NULL, k, NULL); EVP_DigestSign(c, sig, &sl, msg, 3); EVP_MD_CTX_free(c);
    printf("sign: %d\n", heap_hits); heap_hits = 0;
    EVP_PKEY *x = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, raw, 32);
    heap_hits = 0; n = 0; EVP_PKEY_get_raw_private_key(x, NULL, &n); n = 32; EVP_PKEY_get_raw_private_key(x, out, &n);
    printf("X25519 get_raw_private_key (size + copy): %d\n", heap_hits); heap_hits = 0;
    { unsigned char pr[32]; for (int i = 0; i < 32; i++) pr[i] = (unsigned char)i;
      EVP_PKEY *p = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, pr, 32); unsigned char pub[32]; size_t pl = 32;
      EVP_PKEY_get_raw_public_key(p, pub, &pl); EVP_PKEY *pp = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, pub, 32);
      heap_hits = 0; EVP_PKEY_CTX *dc = EVP_PKEY_CTX_new_from_pkey(NULL, x, NULL); EVP_PKEY_derive_init(dc); EVP_PKEY_derive_set_peer(dc, pp);
      unsigned char sh[32]; size_t shl = 32; EVP_PKEY_derive(dc, sh, &shl); EVP_PKEY_CTX_free(dc);
      printf("X25519 derive: %d\n", heap_hits); heap_hits = 0; EVP_PKEY_free(p); EVP_PKEY_free(pp); }
    BIO *b = BIO_new(BIO_s_mem()); PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
    printf("PEM encode: %d\n", heap_hits); heap_hits = 0;
    EVP_PKEY *d = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    printf("PEM decode: %d\n", heap_hits); heap_hits = 0;
    BIO_free(b); EVP_PKEY_free(d);
    printf("free decoded: %d\n", heap_hits); heap_hits = 0;
    EVP_PKEY_free(k); EVP_PKEY_free(x);
    printf("EVP_PKEY_free: %d\n", heap_hits);
    return 0;
}
