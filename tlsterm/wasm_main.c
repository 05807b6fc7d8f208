/* tlsterm/wasm_main.c - the terminator as a JerichoOS task (wasm32-wasi).
 *
 * The core (tlsterm.c) and mbedTLS are complete here; what is missing is
 * the network task's socket API (issue 15, wt-net), through which this
 * file will accept connections on 8883 and connect to the broker on 1883:
 * its streams' read/write/close become the socket calls on an accepted
 * connection's capability, and the loop waits on the network task's
 * notification instead of poll() (tlsterm/README.md, "In the kernel").
 * Until then the task sets everything up (certificate, key, CTR_DRBG
 * seeded through WASI random_get, which needs an ENTROPY capability),
 * prints what it would serve and exits: status 0 if the set-up worked.
 */
#include <stdio.h>

#include "cert.h"
#include "tls_mem.h"
#include "tlsterm.h"

static long no_upstream(void *ctx, unsigned conn, tlsterm_stream *up)
{
    (void)ctx;
    (void)conn;
    (void)up;
    return TLSTERM_ERR;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

int main(void)
{
    tlsterm_limits lim = { TLSTERM_DEFAULT_CONNS, TLSTERM_DEFAULT_CONN_HEAP,
                           TLSTERM_DEFAULT_HANDSHAKE_MS };
    tlsterm_env env = { NULL, no_upstream, log_line };
    tlsterm *t = tlsterm_new(&lim, &env, tlsterm_cert_der, tlsterm_cert_der_len,
                             tlsterm_key_der, tlsterm_key_der_len);
    if (!t)
        return 1;
    printf("tlsterm: ready: %u slots of %zu B heap, certificate and key loaded, heap %zu B; "
           "no socket API yet, exiting\n", lim.max_conns, lim.conn_heap, tls_mem_total());
    tlsterm_free(t);
    printf("tlsterm: stopped, heap %zu B\n", tls_mem_total());
    return tls_mem_total() == 0 ? 0 : 1;
}
