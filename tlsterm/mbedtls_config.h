/* tlsterm/mbedtls_config.h - the whole mbedTLS configuration of the TLS
 * terminator (given as MBEDTLS_CONFIG_FILE: it replaces mbedTLS's own
 * config.h). Debian bookworm's mbedtls is 2.28.3, whose TLS 1.3 is an
 * unfinished client-only prototype ("experimental", no server): TLS 1.2
 * only. A server, nothing else: no client, no DTLS, no renegotiation, no
 * session cache or tickets, no files, no sockets, no clock.
 *
 * Key exchange ECDHE with an ECDSA P-256 certificate; records AES-GCM or
 * ChaCha20-Poly1305 (AEAD only: no CBC, no SHA-1 MAC). Curves X25519,
 * P-256, P-384 for ECDHE. Randomness: CTR_DRBG seeded from getentropy()
 * (tlsterm/tls_rng.c: WASI random_get in a task, an ENTROPY capability;
 * getrandom on the host). Memory: mbedTLS's calloc/free are set at run
 * time to tlsterm's accounting allocator (tlsterm/tls_mem.c), which bounds
 * each connection and the total.
 */
#ifndef TLSTERM_MBEDTLS_CONFIG_H
#define TLSTERM_MBEDTLS_CONFIG_H

/* ---- system ---------------------------------------------------------------- */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY         /* mbedtls_platform_set_calloc_free() */
#define MBEDTLS_NO_PLATFORM_ENTROPY     /* our own source, given to CTR_DRBG */
#define MBEDTLS_DEPRECATED_REMOVED
/* No MBEDTLS_HAVE_TIME: nothing here needs the date (no session cache,
 * tickets or peer certificates to check). No MBEDTLS_FS_IO, no NET_C. */

/* ---- TLS ------------------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_SERVER_NAME_INDICATION   /* accepted (and ignored) */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_SSL_CIPHERSUITES \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384

/* A peer may send records of up to 2^14 bytes of plaintext (no client we
 * care about negotiates a smaller max_fragment_length), so the input
 * buffer is full size; what we send is cut into 4 KiB records. */
#define MBEDTLS_SSL_IN_CONTENT_LEN  16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096

/* ---- crypto ------------------------------------------------------------------ */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES          /* tables in read-only data, not built in the heap */
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C                /* SHA-384 for the AES-256 suite and P-384 certificates */
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_HMAC_DRBG_C             /* deterministic ECDSA (RFC 6979) */

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_WINDOW_SIZE 4
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 1

/* ---- certificate and key: DER only (tlsterm/gencert.sh), no PEM ---------------- */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C            /* ECDSA signatures are written in ASN.1 */
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_PARSE_EC_EXTENDED
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

#include "mbedtls/check_config.h"

#endif
