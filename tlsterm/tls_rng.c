/* tlsterm/tls_rng.c - entropy from getentropy(): in a JerichoOS task that
 * is wasi-libc's, over WASI random_get, which the kernel answers only
 * through an ENTROPY capability (docs/wasi.md, "Entropy"); on the host it
 * is glibc's, over getrandom(2). getentropy() gives at most 256 bytes a
 * call.
 */
#include "tls_rng.h"

#include <unistd.h>

#include "mbedtls/entropy.h"

int tls_rng_entropy(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    while (len > 0) {
        size_t n = len < 256 ? len : 256;
        if (getentropy(out, n) != 0)
            return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        out += n;
        len -= n;
    }
    return 0;
}
