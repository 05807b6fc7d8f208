/* virtio-net.c - the virtio-net driver task (drivers/README.md): resets
 * the device, negotiates only its MAC address, lays out the receive and
 * transmit queues in a memory region it creates, and moves Ethernet
 * frames between the device and one client through the shared frame
 * rings of netring.h.
 *
 * Slots (given by whoever starts it: a manifest or task_spawn):
 *   0 console (w), 1 the virtio-net DEVICE (rw), 2 notification "wake"
 *   (rw: its interrupt, bit NET_WAKE_IRQ, and the client, NET_WAKE_CLIENT),
 *   3 the attach endpoint (r), 4 spawn (w: mem_create), 5 the client's
 *   notification (w).
 * Attach: the client sends one message on the endpoint carrying its ring
 * region (NETRING_PAGES pages, rw); the driver writes the MAC into it and
 * signals NET_CLIENT_READY. Frames the client has no room for are dropped
 * (counted). */
#include <stdint.h>
#include <string.h>

#include <jericho.h>

#include "../virtio/virtio.h"
#include "netring.h"

enum { CONSOLE = 0, DEVICE = 1, WAKE = 2, ATTACH = 3, SPAWN = 4, CLIENT = 5 };
#define RXQ 0
#define TXQ 1
#define NBUF 16             /* buffers per queue */
#define BUFSZ 2048
#define HDR 10              /* legacy virtio_net_hdr without MRG_RXBUF */
#define F_MAC (1u << 5)

static vio_dev_t dev;
static vio_queue_t rxq, txq;
static jericho_cap_t dma, ring;
static uint64_t bus;
static uint32_t rxbuf_off, txbuf_off;
static uint16_t tx_free = (1u << NBUF) - 1;     /* bit i: TX buffer i free */
static uint32_t tx_tail, rx_head, dropped;
static uint8_t frame[BUFSZ];

static void say(const char *s)
{
    jericho_console_write(CONSOLE, s, (uint32_t)strlen(s));
}

static _Noreturn void fail(const char *why)
{
    say("virtio-net: FAILED: ");
    say(why);
    say("\n");
    jericho_exit(1);
}

static uint32_t ring_u32(uint32_t off)
{
    uint32_t v = 0;
    jericho_mem_read(ring, off, &v, 4);
    return v;
}

static void post_rx(uint16_t id)
{
    if (vio_queue_put(&rxq, id, bus + rxbuf_off + (uint32_t)id * BUFSZ, BUFSZ, VIO_DESC_WRITE))
        fail("rx queue");
}

/* Client frames to the device while TX buffers are free. */
static int transmit(void)
{
    uint32_t head = ring_u32(NETRING_TX_HEAD), len;
    int sent = 0;
    while (tx_tail != head && tx_free) {
        uint32_t slot = NETRING_TX + (tx_tail % NETRING_SLOTS) * NETRING_SLOT;
        uint16_t id = (uint16_t)__builtin_ctz(tx_free);
        jericho_mem_read(ring, slot, &len, 4);
        tx_tail++;
        if (len < 14 || len > NETRING_FRAME_MAX)
            continue;   /* a bad length from the client: skipped */
        memset(frame, 0, HDR);
        jericho_mem_read(ring, slot + 4, frame + HDR, len);
        jericho_mem_write(dma, txbuf_off + (uint32_t)id * BUFSZ, frame, HDR + len);
        if (vio_queue_put(&txq, id, bus + txbuf_off + (uint32_t)id * BUFSZ, HDR + len, 0))
            fail("tx queue");
        tx_free &= (uint16_t)~(1u << id);
        sent++;
    }
    if (sent) {
        vio_notify(&txq);
        jericho_mem_write(ring, NETRING_TX_TAIL, &tx_tail, 4);
    }
    return sent;
}

/* Frames from the device to the client; returns how many buffers the
 * device filled, each posted again (a frame the client's full ring has no
 * room for is dropped, but its buffer goes back too: the device must be
 * notified of it, or with every buffer used it never delivers again). */
static int receive(void)
{
    uint32_t id, len, tail = ring_u32(NETRING_RX_TAIL);
    int got = 0, used = 0;
    while (vio_queue_get(&rxq, &id, &len) == 1) {
        used++;
        if (id < NBUF && len > HDR && len - HDR <= NETRING_FRAME_MAX &&
            rx_head - tail < NETRING_SLOTS) {
            uint32_t slot = NETRING_RX + (rx_head % NETRING_SLOTS) * NETRING_SLOT;
            len -= HDR;
            jericho_mem_read(dma, rxbuf_off + id * BUFSZ + HDR, frame, len);
            jericho_mem_write(ring, slot + 4, frame, len);
            jericho_mem_write(ring, slot, &len, 4);
            rx_head++;
            got++;
        } else {
            dropped++;
        }
        if (id < NBUF)
            post_rx((uint16_t)id);
    }
    if (got)
        jericho_mem_write(ring, NETRING_RX_HEAD, &rx_head, 4);
    return used;
}

int main(void)
{
    jericho_meminfo_t mi;
    jericho_msginfo_t info;
    uint8_t mac[6], msg[16];
    uint16_t rs, ts;
    uint32_t rxring, txring;
    int rc;
    if (vio_open(&dev, DEVICE, VIO_TYPE_NET) != 0)
        fail("not a virtio-net device");
    if (vio_reset(&dev) != 0)
        fail("reset");
    if (!(vio_features(&dev) & F_MAC))
        fail("no MAC address");
    vio_accept(&dev, F_MAC);
    rs = vio_queue_size(&dev, RXQ);
    ts = vio_queue_size(&dev, TXQ);
    if (rs < NBUF || ts < NBUF)
        fail("queues too small");
    rxring = vio_ring_bytes(rs);
    txring = vio_ring_bytes(ts);
    rxbuf_off = rxring + txring;
    txbuf_off = rxbuf_off + NBUF * BUFSZ;
    rc = jericho_mem_create(SPAWN, (txbuf_off + NBUF * BUFSZ + 4095) / 4096);
    if (rc < 0)
        fail("mem_create");
    dma = rc;
    if (jericho_mem_info(dma, &mi) != 0 || !mi.bus_addr)
        fail("no bus address (the region needs the DMA right)");
    bus = mi.bus_addr;
    if (vio_queue_setup(&rxq, &dev, RXQ, dma, 0, bus) ||
        vio_queue_setup(&txq, &dev, TXQ, dma, rxring, bus))
        fail("queue setup");
    for (int i = 0; i < 6; i++)
        mac[i] = vio_config8(&dev, (uint32_t)i);
    if (jericho_dev_irq_bind(DEVICE, WAKE, NET_WAKE_IRQ) != 0)
        fail("interrupt bind");

    /* the client's ring region */
    rc = jericho_recv(ATTACH, msg, sizeof msg, &info);
    if (rc < 0 || info.cap_slot < 0)
        fail("attach: no region");
    ring = info.cap_slot;
    if (jericho_mem_info(ring, &mi) != 0 || mi.size < NETRING_PAGES * 4096u)
        fail("attach: region too small");
    tx_tail = ring_u32(NETRING_TX_HEAD);    /* a fresh region: 0 */
    rx_head = ring_u32(NETRING_RX_TAIL);
    jericho_mem_write(ring, NETRING_TX_TAIL, &tx_tail, 4);
    jericho_mem_write(ring, NETRING_RX_HEAD, &rx_head, 4);
    jericho_mem_write(ring, NETRING_MAC, mac, 6);

    for (uint16_t i = 0; i < NBUF; i++)
        post_rx(i);
    vio_driver_ok(&dev);
    vio_notify(&rxq);
    say("virtio-net: ready\n");
    jericho_signal(CLIENT, NET_CLIENT_READY);
    for (;;) {
        uint32_t id, len;
        int moved = 0;
        while (vio_queue_get(&txq, &id, &len) == 1)
            if (id < NBUF)
                tx_free |= (uint16_t)(1u << id);
        moved += transmit();
        if (receive()) {
            vio_notify(&rxq);
            moved++;
        }
        if (moved)
            jericho_signal(CLIENT, NET_CLIENT_RX);
        int64_t w = jericho_wait(WAKE);
        if (w < 0)
            fail("wait");
        if (w & NET_WAKE_IRQ) {
            vio_isr(&dev);
            jericho_dev_irq_ack(DEVICE);
        }
    }
}
