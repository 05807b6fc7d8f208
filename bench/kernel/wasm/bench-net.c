/* bench-net.c - the client of the frames benchmark (src/kbench/bench_net.c,
 * docs/bench.md "Frames through virtio-net"): attaches a ring region to
 * the virtio-net driver (drivers/net/netring.h), then makes ARP round
 * trips with QEMU's user-network gateway 10.0.2.2 (a request out, the
 * gateway's reply in): WARM untimed, then N timed with clock_now. The
 * record bench_net (exported) gives n, the guest ns of the timed round
 * trips, ok, and the phase: 1 just before the timed part, 2 just after,
 * each followed by a 30 ms sleep so the kernel benchmark samples the CPU
 * times while both tasks are idle. C with the SDK, no libc output.
 * Slots: 0 the attach endpoint (wg), 1 clock, 2 spawn, 3 this task's
 * notification (r), 4 the driver's "wake" notification (w). */
#include <stdint.h>
#include <string.h>

#include <jericho.h>

#include "../../../drivers/net/netclient.h"

enum { ATTACH = 0, CLOCK = 1, SPAWN = 2, NOTE = 3, WAKE = 4 };
#define WARM 4
#define N 100
#define MARK_SLEEP_NS (30ll * 1000 * 1000)

struct {
    int64_t n, t_ns;
    int32_t ok, phase;
} bench_net;

static const uint8_t my_ip[4] = {10, 0, 2, 15}, gw_ip[4] = {10, 0, 2, 2};
static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static uint8_t mac[6], in[NETRING_SLOT];
static netclient_t nc = {.wake = WAKE};

static void tx(const uint8_t *f, uint32_t len)
{
    while (netclient_tx_full(&nc))
        jericho_wait(NOTE);
    netclient_tx(&nc, f, len);
}

/* One round trip: an ARP request for the gateway out, its reply in
 * (other frames are skipped). */
static void arp_rtt(void)
{
    uint8_t f[42];
    memcpy(f, bcast, 6);
    memcpy(f + 6, mac, 6);
    f[12] = 0x08, f[13] = 0x06;             /* ARP */
    f[14] = 0, f[15] = 1;                   /* Ethernet */
    f[16] = 0x08, f[17] = 0x00;             /* IPv4 */
    f[18] = 6, f[19] = 4;
    f[20] = 0, f[21] = 1;                   /* request */
    memcpy(f + 22, mac, 6);
    memcpy(f + 28, my_ip, 4);
    memset(f + 32, 0, 6);
    memcpy(f + 38, gw_ip, 4);
    tx(f, sizeof f);
    for (;;) {
        uint32_t len = netclient_rx(&nc, in);
        if (!len) {
            jericho_wait(NOTE);
            continue;
        }
        if (len >= 42 && in[12] == 0x08 && in[13] == 0x06 && in[21] == 2 &&
            memcmp(in + 28, gw_ip, 4) == 0)
            return;
    }
}

int main(void)
{
    int rc = jericho_mem_create(SPAWN, NETRING_PAGES);
    if (rc < 0)
        return 1;
    nc.ring = rc;
    if (jericho_send(ATTACH, "attach", 6, nc.ring) != 0)
        return 1;
    while (!(jericho_wait(NOTE) & NET_CLIENT_READY))
        ;
    jericho_mem_read(nc.ring, NETRING_MAC, mac, 6);
    for (int i = 0; i < WARM; i++)
        arp_rtt();
    bench_net.phase = 1;
    jericho_sleep(CLOCK, MARK_SLEEP_NS);
    int64_t t0 = jericho_clock_now(CLOCK);
    for (int i = 0; i < N; i++)
        arp_rtt();
    int64_t t1 = jericho_clock_now(CLOCK);
    bench_net.phase = 2;
    jericho_sleep(CLOCK, MARK_SLEEP_NS);
    bench_net.n = N;
    bench_net.t_ns = t1 - t0;
    bench_net.ok = 1;
    return 0;
}
