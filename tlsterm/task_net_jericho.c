/* tlsterm/task_net_jericho.c - task_net.h over the network task's sockets
 * (sdk/include/jericho_net.h, docs/abi.md section 7): the terminator in
 * the kernel (mqttnet/README.md). Handles are capability slots: the
 * listener is the LISTEN right for 8883, a connection its CONNECTION
 * capability. The upstream is the broker on 127.0.0.1:1883, reached
 * through the network task's loopback with the CONNECT right: the broker
 * serves it as any TCP client (and sees 127.0.0.1 as its address).
 *
 * The slots, in the order the spawner gives them (mqttnet/mqtt-net.c):
 * console, clock, entropy (WASI random_get: the DRBG's seed), the LISTEN
 * right, the CONNECT right, the event notification. */
#include <jericho_net.h>

#include "task_net.h"
#include "tlsterm.h"

enum { CONSOLE = 0, CLOCK = 1, ENTROPY = 2, LISTEN = 3, CONNECT = 4, EV = 5 };
#define LOOPBACK 0x7f000001u    /* 127.0.0.1 */

static long result(int32_t rc)
{
    if (rc >= 0)
        return rc;
    return rc == JNET_E_WOULD_BLOCK ? TLSTERM_AGAIN : TLSTERM_ERR;
}

long tnet_listen(uint16_t port)
{
    int32_t rc = jnet_attach(LISTEN, EV);
    while (rc >= 0 && (rc = jnet_listen(LISTEN, port)) == JNET_E_NOT_READY)
        jericho_sleep(CLOCK, 100000000);
    return rc < 0 ? TLSTERM_ERR : LISTEN;
}

long tnet_accept(long listener)
{
    return result(jnet_accept((jericho_cap_t)listener, 0, 0));
}

long tnet_connect(uint16_t port)
{
    return result(jnet_connect(CONNECT, LOOPBACK, port));
}

long tnet_recv(long h, void *buf, size_t len)
{
    return result(jnet_recv((jericho_cap_t)h, buf, len > JNET_DATA_MAX ? JNET_DATA_MAX : (uint32_t)len));
}

long tnet_send(long h, const void *buf, size_t len)
{
    return result(jnet_send((jericho_cap_t)h, buf, len > JNET_DATA_MAX ? JNET_DATA_MAX : (uint32_t)len));
}

void tnet_close(long h)
{
    if (h == LISTEN)
        jnet_request(LISTEN, JNET_OP_UNLISTEN, 0, 0, 0, 0, &(jnet_hdr_t){0}, 0, 0, 0);
    else
        jnet_close((jericho_cap_t)h);
}

uint64_t tnet_now(void)
{
    int64_t t = jericho_clock_now(CLOCK);
    return t > 0 ? (uint64_t)t / 1000000u : 0;
}

uint64_t tnet_wait(long timeout_ms)
{
    if (timeout_ms < 0)
        jericho_wait(EV);
    else
        jnet_wait_ms(LISTEN, EV, timeout_ms > 0 ? (uint32_t)timeout_ms : 1);
    return tnet_now();
}
