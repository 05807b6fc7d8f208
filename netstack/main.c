/* main.c - the network task (netstack/README.md): lwIP 2.1.3 with
 * NO_SYS=1 in one wasm task. It starts the virtio-net driver task, brings
 * the interface up with DHCP (a static 10.0.2.15/24 via 10.0.2.2 if no
 * lease comes in DHCP_WAIT), pings the gateway once, then serves client
 * tasks' socket requests (sockets.c) for ever.
 *
 * The loop: client requests, received frames, lwIP's timers. A task
 * cannot block on an endpoint and a notification at once, so the loop
 * polls both and, when nothing happened, yields while it was busy in the
 * last BUSY_NS and sleeps a timer tick otherwise: an idle network task
 * costs a wake-up per tick, a busy one answers without waiting for one. */
#include <stdio.h>

#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/timeouts.h"
#include "netstack.h"
#include "../drivers/net/netring.h"

#define DHCP_WAIT (4000 * NS_MS)
#define BUSY_NS (20 * NS_MS)

static struct netif nif;

static void show(const char *how)
{
    char ip[16], gw[16], mask[16];
    ip4addr_ntoa_r(netif_ip4_addr(&nif), ip, sizeof ip);
    ip4addr_ntoa_r(netif_ip4_gw(&nif), gw, sizeof gw);
    ip4addr_ntoa_r(netif_ip4_netmask(&nif), mask, sizeof mask);
    ns_log("%s %s netmask %s gateway %s", how, ip, mask, gw);
}

/* One round of the loop's work; how much was done. */
static int step(void)
{
    int done = ringif_poll(&nif);
    netif_poll_all();   /* packets to ourselves (127.0.0.1, our own address) */
    if (jericho_poll_signal(NS_DRV_NOTE) < 0)
        ;   /* the bits only wake us: the rings say what came */
    sys_check_timeouts();
    return done;
}

int main(void)
{
    int64_t t0, busy;
    setvbuf(stdout, NULL, _IOLBF, 0);
    lwip_init();
    sockets_init();
    if (ringif_start(&nif) != 0)
        return 1;
    netif_set_default(&nif);
    netif_set_up(&nif);
    netif_set_link_up(&nif);
    dhcp_start(&nif);
    t0 = ns_now();
    while (!dhcp_supplied_address(&nif) && ns_now() - t0 < DHCP_WAIT)
        if (!step())
            jericho_sleep(NS_CLOCK, NS_MS);
    if (dhcp_supplied_address(&nif)) {
        show("DHCP lease");
    } else {
        ip4_addr_t ip, mask, gw;
        dhcp_stop(&nif);
        IP4_ADDR(&ip, 10, 0, 2, 15);
        IP4_ADDR(&mask, 255, 255, 255, 0);
        IP4_ADDR(&gw, 10, 0, 2, 2);
        netif_set_addr(&nif, &ip, &mask, &gw);
        show("no DHCP lease: static address");
    }
    ns_log("ping %s: %s", ip4addr_ntoa(netif_ip4_gw(&nif)),
           ping_gateway(&nif, netif_ip4_gw(&nif), 3000 * NS_MS) ? "reply" : "no reply");
    ns_log("ready");
    busy = ns_now();
    for (int64_t tick = 0;;) {
        int done = sockets_serve() + step();
        int64_t now = ns_now();
        if (now - tick >= 100 * NS_MS) {
            sockets_tick();
            tick = now;
        }
        if (done)
            busy = now;
        else if (now - busy < BUSY_NS)
            jericho_yield();
        else
            jericho_sleep(NS_CLOCK, NS_MS);
    }
}
