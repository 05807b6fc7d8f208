/* ringif.c - lwIP's network interface over the virtio-net driver task
 * (drivers/net/virtio-net.c, drivers/README.md): the network task starts
 * the driver with task_spawn (handing it the DEVICE capability), creates
 * the frame-ring region (drivers/net/netring.h), attaches it, and then
 * moves Ethernet frames: lwIP's linkoutput writes a TX slot, ringif_poll
 * hands every received frame to lwIP's ethernet_input. The driver's TASK
 * capability lives only here, so when the network task ends the driver
 * ends with it (its last TASK capability goes) and the kernel quiesces
 * the device; a restarted network task starts a new driver, which resets
 * it. */
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "netstack.h"
#include "../drivers/net/netring.h"

static jericho_cap_t ring = -1;
static uint32_t tx_head, rx_tail;
static uint8_t frame[NETRING_SLOT];
static uint32_t tx_dropped;

static uint32_t ring_u32(uint32_t off)
{
    uint32_t v = 0;
    jericho_mem_read(ring, off, &v, 4);
    return v;
}

static err_t linkoutput(struct netif *nif, struct pbuf *p)
{
    (void)nif;
    uint32_t len = p->tot_len, slot;
    if (len > NETRING_FRAME_MAX)
        return ERR_IF;
    /* a full TX ring: let the driver run a little, then drop (TCP resends) */
    for (int i = 0; tx_head - ring_u32(NETRING_TX_TAIL) >= NETRING_SLOTS; i++) {
        if (i == 20) {
            tx_dropped++;
            return ERR_MEM;
        }
        jericho_signal(NS_DRV_WAKE, NET_WAKE_CLIENT);
        jericho_yield();
    }
    pbuf_copy_partial(p, frame, (u16_t)len, 0);
    slot = NETRING_TX + (tx_head % NETRING_SLOTS) * NETRING_SLOT;
    jericho_mem_write(ring, slot + 4, frame, len);
    jericho_mem_write(ring, slot, &len, 4);
    tx_head++;
    jericho_mem_write(ring, NETRING_TX_HEAD, &tx_head, 4);
    jericho_signal(NS_DRV_WAKE, NET_WAKE_CLIENT);
    return ERR_OK;
}

int ringif_poll(struct netif *nif)
{
    uint32_t head = ring_u32(NETRING_RX_HEAD), len;
    int got = 0;
    while (rx_tail != head && got < 32) {
        uint32_t slot = NETRING_RX + (rx_tail % NETRING_SLOTS) * NETRING_SLOT;
        jericho_mem_read(ring, slot, &len, 4);
        if (len >= 14 && len <= NETRING_FRAME_MAX) {
            jericho_mem_read(ring, slot + 4, frame, len);
            struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
            if (p) {
                pbuf_take(p, frame, (u16_t)len);
                if (nif->input(p, nif) != ERR_OK)
                    pbuf_free(p);
            }
        }
        rx_tail++;
        got++;
    }
    if (got) {
        jericho_mem_write(ring, NETRING_RX_TAIL, &rx_tail, 4);
        jericho_signal(NS_DRV_WAKE, NET_WAKE_CLIENT);
    }
    return got;
}

static err_t ringif_init(struct netif *nif)
{
    nif->name[0] = 'v';
    nif->name[1] = 'n';
    nif->output = etharp_output;
    nif->linkoutput = linkoutput;
    nif->mtu = 1500;
    nif->hwaddr_len = 6;
    jericho_mem_read(ring, NETRING_MAC, nif->hwaddr, 6);
    nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    return ERR_OK;
}

/* Starts the driver and attaches a fresh ring region; waits up to 5 s
 * for it to say it is ready. Then adds the interface to lwIP. */
int ringif_start(struct netif *nif)
{
    const jericho_cap_t caps[] = {NS_CONSOLE, NS_DEVICE, NS_DRV_WAKE, NS_DRV_ATTACH, NS_SPAWN, NS_DRV_NOTE};
    int rc = jericho_task_spawn(NS_SPAWN, "virtio-net", 10, caps, 6, 10);
    if (rc < 0) {
        ns_log("cannot start the virtio-net driver: %s", jericho_error_name(rc));
        return -1;
    }
    rc = jericho_mem_create(NS_SPAWN, NETRING_PAGES);
    if (rc < 0) {
        ns_log("cannot create the frame rings: %s", jericho_error_name(rc));
        return -1;
    }
    ring = rc;
    rc = jericho_send(NS_DRV_ATTACH, "attach", 6, ring);
    if (rc < 0) {
        ns_log("cannot attach to the driver: %s", jericho_error_name(rc));
        return -1;
    }
    int64_t t0 = ns_now();
    for (;;) {
        int64_t w = jericho_poll_signal(NS_DRV_NOTE);
        if (w > 0 && (w & NET_CLIENT_READY))
            break;
        if (w < 0 || ns_now() - t0 > 5000 * NS_MS) {
            ns_log("the driver did not attach");
            return -1;
        }
        jericho_sleep(NS_CLOCK, NS_MS);
    }
    if (!netif_add(nif, NULL, NULL, NULL, NULL, ringif_init, ethernet_input))
        return -1;
    ns_log("driver ready, MAC %02x:%02x:%02x:%02x:%02x:%02x", nif->hwaddr[0], nif->hwaddr[1],
           nif->hwaddr[2], nif->hwaddr[3], nif->hwaddr[4], nif->hwaddr[5]);
    return 0;
}
