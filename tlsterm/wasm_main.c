/* tlsterm/wasm_main.c - the terminator as a JerichoOS task (wasm32-wasi):
 * TLS on port 8883 in front of the MQTT broker's plain port 1883, over
 * the sockets of task_net.h.
 *
 * Over task_net_jericho.c it is the TLS front of the broker in the kernel
 * (tlsterm-net.wasm, mqttnet/README.md). With task_net_none.c (no
 * sockets: tlsterm.wasm, which tls-host runs under jwasm) the task sets
 * everything up (certificate, key, CTR_DRBG seeded through WASI
 * random_get, which needs an ENTROPY capability), finds it cannot listen,
 * says so and exits with status 0 if the set-up worked
 * (tlsterm/README.md, "In the kernel").
 */
#include <stdint.h>
#include <stdio.h>

#include "cert.h"
#include "task_net.h"
#include "tls_mem.h"
#include "tlsterm.h"

#define PORT_TLS 8883
#define PORT_PLAIN 1883

static long h_of(void *h)
{
    return (long)(intptr_t)h;
}

static long s_read(void *h, void *buf, size_t len)
{
    return tnet_recv(h_of(h), buf, len);
}

static long s_write(void *h, const void *buf, size_t len)
{
    return tnet_send(h_of(h), buf, len);
}

static void s_close(void *h)
{
    tnet_close(h_of(h));
}

static tlsterm_stream stream_of(long h)
{
    return (tlsterm_stream){ (void *)(intptr_t)h, s_read, s_write, s_close };
}

static long connect_upstream(void *ctx, unsigned conn, tlsterm_stream *up)
{
    (void)ctx;
    (void)conn;
    long h = tnet_connect(PORT_PLAIN);
    if (h < 0)
        return TLSTERM_ERR;
    *up = stream_of(h);
    return 0;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
    fflush(stdout);
}

int main(void)
{
    tlsterm_limits lim = { TLSTERM_DEFAULT_CONNS, TLSTERM_DEFAULT_CONN_HEAP,
                           TLSTERM_DEFAULT_HANDSHAKE_MS };
    tlsterm_env env = { NULL, connect_upstream, log_line };
    tlsterm *t = tlsterm_new(&lim, &env, tlsterm_cert_der, tlsterm_cert_der_len,
                             tlsterm_key_der, tlsterm_key_der_len);
    if (!t)
        return 1;
    printf("tlsterm: ready: %u slots of %zu B (+ at most %zu B heap each), certificate and key "
           "loaded, heap %zu B\n", lim.max_conns, tlsterm_slot_size(), lim.conn_heap, tls_mem_total());
    long lh = tnet_listen(PORT_TLS);
    if (lh < 0) {
        printf("tlsterm: cannot listen on %d (no network task, or no right to), exiting\n",
               PORT_TLS);
    } else {
        printf("tlsterm: listening on tcp port %d, upstream 127.0.0.1:%d\n", PORT_TLS, PORT_PLAIN);
        fflush(stdout);
        uint64_t now = tnet_now();
        for (;;) {
            long h;
            while ((h = tnet_accept(lh)) >= 0) {
                tlsterm_stream s = stream_of(h);
                tlsterm_accept(t, &s, now);
            }
            if (h != TLSTERM_AGAIN)
                break;
            for (unsigned i = 0; i < tlsterm_slots(t); i++)
                tlsterm_step(t, i, now);
            now = tnet_wait(tlsterm_tick(t, now));
        }
        tnet_close(lh);
    }
    tlsterm_free(t);
    printf("tlsterm: stopped, heap %zu B\n", tls_mem_total());
    return tls_mem_total() == 0 ? 0 : 1;
}
