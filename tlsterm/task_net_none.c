/* tlsterm/task_net_none.c - task_net.h for a kernel without a socket API
 * (yet): no listener can be opened, so the task stops after its set-up.
 * The calls past tnet_listen are never reached; they exist so that the
 * whole serving path is linked (and measured) in tlsterm.wasm.
 */
#include <time.h>

#include "task_net.h"
#include "tlsterm.h"

long tnet_listen(uint16_t port)
{
    (void)port;
    return TLSTERM_ERR;
}

long tnet_accept(long listener)
{
    (void)listener;
    return TLSTERM_ERR;
}

long tnet_connect(uint16_t port)
{
    (void)port;
    return TLSTERM_ERR;
}

long tnet_recv(long h, void *buf, size_t len)
{
    (void)h, (void)buf, (void)len;
    return TLSTERM_ERR;
}

long tnet_send(long h, const void *buf, size_t len)
{
    (void)h, (void)buf, (void)len;
    return TLSTERM_ERR;
}

void tnet_close(long h)
{
    (void)h;
}

uint64_t tnet_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t tnet_wait(long timeout_ms)
{
    if (timeout_ms > 0) {
        struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000 };
        nanosleep(&ts, NULL);
    }
    return tnet_now();
}
