/* tlsterm/tls_rng.h - where the terminator's randomness comes from: the
 * entropy callback its CTR_DRBG is seeded (and reseeded) with.
 */
#ifndef TLSTERM_TLS_RNG_H
#define TLSTERM_TLS_RNG_H

#include <stddef.h>

/* mbedTLS's f_entropy: fills out[0..len) or returns an mbedTLS error. */
int tls_rng_entropy(void *ctx, unsigned char *out, size_t len);

#endif
