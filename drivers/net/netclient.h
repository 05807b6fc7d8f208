/* netclient.h - the client's side of the virtio-net frame rings
 * (netring.h, drivers/README.md "virtio-net"): take a received frame,
 * queue one to send. Header-only, for client tasks on the SDK
 * (tests/drivers/drv-net-echo.c, bench/kernel/wasm/bench-net.c). How to
 * wait (for a frame, for a free transmit slot) is the caller's. */
#ifndef DRIVERS_NETCLIENT_H
#define DRIVERS_NETCLIENT_H

#include <stdint.h>

#include <jericho.h>

#include "netring.h"

typedef struct {
    jericho_cap_t ring;         /* the region attached to the driver */
    jericho_cap_t wake;         /* the driver's "wake" notification (w) */
    uint32_t rx_tail, tx_head;  /* this side's indexes */
} netclient_t;

static inline uint32_t netclient_u32(const netclient_t *c, uint32_t off)
{
    uint32_t v = 0;
    jericho_mem_read(c->ring, off, &v, 4);
    return v;
}

/* The next received frame into in (NETRING_FRAME_MAX bytes): its length,
 * or 0 if none. */
static inline uint32_t netclient_rx(netclient_t *c, uint8_t *in)
{
    uint32_t len;
    if (netclient_u32(c, NETRING_RX_HEAD) == c->rx_tail)
        return 0;
    uint32_t slot = NETRING_RX + (c->rx_tail % NETRING_SLOTS) * NETRING_SLOT;
    jericho_mem_read(c->ring, slot, &len, 4);
    if (len > NETRING_FRAME_MAX)
        len = 0;
    jericho_mem_read(c->ring, slot + 4, in, len);
    c->rx_tail++;
    jericho_mem_write(c->ring, NETRING_RX_TAIL, &c->rx_tail, 4);
    jericho_signal(c->wake, NET_WAKE_CLIENT);
    return len;
}

/* Are all transmit slots taken? */
static inline int netclient_tx_full(const netclient_t *c)
{
    return c->tx_head - netclient_u32(c, NETRING_TX_TAIL) >= NETRING_SLOTS;
}

/* Queue frame f (len <= NETRING_FRAME_MAX) in a free transmit slot. */
static inline void netclient_tx(netclient_t *c, const uint8_t *f, uint32_t len)
{
    uint32_t slot = NETRING_TX + (c->tx_head % NETRING_SLOTS) * NETRING_SLOT;
    jericho_mem_write(c->ring, slot, &len, 4);
    jericho_mem_write(c->ring, slot + 4, f, len);
    c->tx_head++;
    jericho_mem_write(c->ring, NETRING_TX_HEAD, &c->tx_head, 4);
    jericho_signal(c->wake, NET_WAKE_CLIENT);
}

#endif
