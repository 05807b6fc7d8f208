// drv-net-echo.c - the virtio-net driver (drivers/net/virtio-net.c) tested
// end to end: starts it, attaches a frame-ring region (drivers/net/netring.h),
// resolves the QEMU user network's gateway with ARP (a frame out, its
// answer in), then answers ARP for 10.0.2.15, ICMP echo and UDP echo on
// port 7 until the host sends "quit" (tests/drivers/udp_echo.py through
// QEMU's hostfwd: `make qemu NET=user`) or 20 s pass. Then bad input for
// the driver: it is killed right after a burst of ARP requests (frames
// in flight, queued to the device, their answers coming into its receive
// buffers), the kernel quiesces the device, and a new driver resets it,
// takes a fresh ring region and moves frames again (ARP to the gateway).
// Needs NET=user (the drivers suite boots with it). Suite drivers-ARCH
// (tests/drivers/check.sh).
//
// group: drv-net
// caps: console:w clock:r spawn:w device:virtio-net:rw notification:net-wake:rw endpoint:net:rwg notification:net-client:rw
// expect: start the driver -> ok
// expect: create the ring region -> ok
// expect: attach it to the driver -> ok
// expect: driver ready, MAC is QEMU's (52:54:00:...): yes
// expect: ARP reply from the gateway 10.0.2.2: yes
// expect: echo: serving UDP port 7 on 10.0.2.15
// expect: echo: stopped by the host's quit: yes
// expect: kill the driver with frames in flight -> ok
// expect: start a new driver -> ok
// expect: attach a new ring region -> ok
// expect: new driver ready: yes
// expect: ARP reply from the gateway 10.0.2.2 through the new driver: yes
// expect-not: FAILED
// expect-kernel: task virtio-net killed: by task drv-net-echo
// expect-kernel: task drv-net-echo exited with code 0
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jericho.h>

#include "../../drivers/net/netclient.h"

enum { CONSOLE = 0, CLOCK = 1, SPAWN = 2, DEVICE = 3, WAKE = 4, ATTACH = 5, NOTE = 6 };
#define SEC 1000000000ll

static const uint8_t my_ip[4] = {10, 0, 2, 15}, gw_ip[4] = {10, 0, 2, 2};
static uint8_t mac[6];
static netclient_t nc = {.wake = WAKE};
static uint8_t in[NETRING_SLOT], out[NETRING_SLOT];

static void ok(const char *what, int rc)
{
    if (rc < 0)
        printf("%s -> %s\n", what, jericho_error_name(rc));
    else
        printf("%s -> ok\n", what);
}

/* The next received frame into in: its length, or 0 if none. */
static uint32_t rx(void)
{
    return netclient_rx(&nc, in);
}

static void tx(const uint8_t *f, uint32_t len)
{
    while (netclient_tx_full(&nc))
        jericho_sleep(CLOCK, 1000000);
    netclient_tx(&nc, f, len);
}

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static uint16_t csum(const uint8_t *p, uint32_t n)
{
    uint32_t s = 0;
    for (uint32_t i = 0; i + 1 < n; i += 2)
        s += be16(p + i);
    if (n & 1)
        s += (uint32_t)p[n - 1] << 8;
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

/* An ARP packet (request: op 1, or reply: op 2) from us. */
static void arp(uint16_t op, const uint8_t *dst_mac, const uint8_t *tha, const uint8_t *tpa)
{
    uint8_t f[42];
    memcpy(f, dst_mac, 6);
    memcpy(f + 6, mac, 6);
    put16(f + 12, 0x0806);
    put16(f + 14, 1);
    put16(f + 16, 0x0800);
    f[18] = 6;
    f[19] = 4;
    put16(f + 20, op);
    memcpy(f + 22, mac, 6);
    memcpy(f + 28, my_ip, 4);
    memcpy(f + 32, tha, 6);
    memcpy(f + 38, tpa, 4);
    tx(f, sizeof f);
}

/* The frame in `in` answered in place into `out` (IPv4 and Ethernet
 * addresses swapped); 1 if it was the host's "quit". */
static int answer_ip(uint32_t len, int *echoed)
{
    const uint8_t *ip = in + 14;
    uint32_t ihl = (ip[0] & 15u) * 4, tot = be16(ip + 2);
    if ((ip[0] >> 4) != 4 || ihl < 20 || tot > len - 14 || tot < ihl || memcmp(ip + 16, my_ip, 4))
        return 0;
    memcpy(out, in, 14 + tot);
    memcpy(out, in + 6, 6);
    memcpy(out + 6, mac, 6);
    uint8_t *o = out + 14, *l4 = o + ihl;
    memcpy(o + 12, ip + 16, 4);
    memcpy(o + 16, ip + 12, 4);
    o[8] = 64;
    if (ip[9] == 1 && tot - ihl >= 8 && l4[0] == 8) {   /* ICMP echo request */
        l4[0] = 0;
        put16(l4 + 2, 0);
        put16(l4 + 2, csum(l4, tot - ihl));
    } else if (ip[9] == 17 && tot - ihl >= 8 && be16(l4 + 2) == 7) {  /* UDP echo */
        uint8_t port[2];
        memcpy(port, l4, 2);
        memcpy(l4, l4 + 2, 2);
        memcpy(l4 + 2, port, 2);
        put16(l4 + 6, 0);   /* no UDP checksum (IPv4 allows it) */
    } else {
        return 0;
    }
    put16(o + 10, 0);
    put16(o + 10, csum(o, ihl));
    tx(out, 14 + tot);
    (*echoed)++;
    return ip[9] == 17 && tot - ihl - 8 == 4 && !memcmp(l4 + 8, "quit", 4);
}

static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, zero[6] = {0};

/* Who has 10.0.2.2? (QEMU's user network answers for its gateway.) 1 if
 * the answer came within 5 s. */
static int arp_gateway(void)
{
    int64_t t0;
    arp(1, bcast, zero, gw_ip);
    t0 = jericho_clock_now(CLOCK);
    while (jericho_clock_now(CLOCK) - t0 < 5 * SEC) {
        uint32_t len = rx();
        if (!len) {
            jericho_sleep(CLOCK, 1000000);
            continue;
        }
        if (len >= 42 && be16(in + 12) == 0x0806 && be16(in + 20) == 2 && !memcmp(in + 28, gw_ip, 4))
            return 1;
    }
    return 0;
}

static int start_driver(void)
{
    const jericho_cap_t caps[] = {CONSOLE, DEVICE, WAKE, ATTACH, SPAWN, NOTE};
    return jericho_task_spawn(SPAWN, "virtio-net", 10, caps, 6, 10);
}

/* Waits up to 5 s for NET_CLIENT_READY (a killed driver may have left
 * NET_CLIENT_RX in the word); 1 if it came. */
static int wait_ready(void)
{
    int64_t t0 = jericho_clock_now(CLOCK);
    while (jericho_clock_now(CLOCK) - t0 < 5 * SEC) {
        int64_t w = jericho_poll_signal(NOTE);
        if (w < 0)
            return 0;
        if (w & NET_CLIENT_READY)
            return 1;
        jericho_sleep(CLOCK, 1000000);
    }
    return 0;
}

/* Kills the driver right after queueing a burst of ARP requests (frames
 * in flight), starts a new one on a fresh ring region and resolves the
 * gateway through it. */
static int restart(int drv)
{
    uint32_t taken;
    int rc;
    for (int i = 0; i < NETRING_SLOTS; i++)
        arp(1, bcast, zero, gw_ip);
    taken = netclient_u32(&nc, NETRING_TX_TAIL);
    ok("kill the driver with frames in flight", jericho_task_kill(drv));
    printf("restart: the old driver had taken %u of %u frames queued\n", taken, nc.tx_head);
    jericho_cap_delete(drv);
    jericho_cap_delete(nc.ring);
    drv = start_driver();
    ok("start a new driver", drv);
    nc.rx_tail = nc.tx_head = 0;
    rc = jericho_mem_create(SPAWN, NETRING_PAGES);
    nc.ring = rc;
    ok("attach a new ring region", rc < 0 ? rc : jericho_send(ATTACH, "attach", 6, nc.ring));
    printf("new driver ready: %s\n", rc >= 0 && wait_ready() ? "yes" : "no");
    printf("ARP reply from the gateway 10.0.2.2 through the new driver: %s\n",
           arp_gateway() ? "yes" : "no");
    return drv;
}

int main(void)
{
    int drv, rc, found, quit = 0, echoed = 0;
    int64_t t0;
    setvbuf(stdout, NULL, _IOLBF, 0);
    drv = start_driver();
    ok("start the driver", drv);
    rc = jericho_mem_create(SPAWN, NETRING_PAGES);
    ok("create the ring region", rc);
    nc.ring = rc;
    ok("attach it to the driver", jericho_send(ATTACH, "attach", 6, nc.ring));
    jericho_wait(NOTE);
    jericho_mem_read(nc.ring, NETRING_MAC, mac, 6);
    printf("driver ready, MAC is QEMU's (52:54:00:...): %s\n",
           mac[0] == 0x52 && mac[1] == 0x54 && mac[2] == 0 ? "yes" : "no");

    found = arp_gateway();
    printf("ARP reply from the gateway 10.0.2.2: %s\n", found ? "yes" : "no");

    printf("echo: serving UDP port 7 on 10.0.2.15\n");
    t0 = jericho_clock_now(CLOCK);
    while (!quit && jericho_clock_now(CLOCK) - t0 < 20 * SEC) {
        uint32_t len = rx();
        if (!len) {
            jericho_sleep(CLOCK, 1000000);
            continue;
        }
        if (len >= 42 && be16(in + 12) == 0x0806 && be16(in + 20) == 1 && !memcmp(in + 38, my_ip, 4))
            arp(2, in + 22, in + 22, in + 28);      /* who has 10.0.2.15: us */
        else if (len >= 34 && be16(in + 12) == 0x0800)
            quit = answer_ip(len, &echoed);
    }
    printf("echo: %d packets echoed\n", echoed);
    printf("echo: stopped by the host's quit: %s\n", quit ? "yes" : "no");
    jericho_sleep(CLOCK, 50000000);     /* let the driver send the last echo */
    drv = restart(drv);
    jericho_task_kill(drv);
    return 0;
}
