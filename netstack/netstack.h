/* netstack.h - what the parts of the network task share (netstack/README.md):
 * its capability slots, the clock, the netif over the virtio-net driver's
 * frame rings (ringif.c), the socket server (sockets.c) and the ping
 * (ping.c). */
#ifndef NETSTACK_H
#define NETSTACK_H

#include <stdint.h>

#include <jericho.h>

#include "lwip/netif.h"

/* Slots, in the order of the manifest's caps: line (or of task_spawn). */
enum {
    NS_CONSOLE = 0,     /* console w */
    NS_CLOCK = 1,       /* clock r */
    NS_SPAWN = 2,       /* spawn w: the driver, the ring region */
    NS_DEVICE = 3,      /* device virtio-net rw: handed to the driver */
    NS_DRV_WAKE = 4,    /* notification rw: the driver's "wake" */
    NS_DRV_ATTACH = 5,  /* endpoint rwg: the driver's attach endpoint */
    NS_DRV_NOTE = 6,    /* notification rw: the driver signals us */
    NS_SERVICE = 7,     /* endpoint rwg: the clients' endpoint (unbadged) */
    NS_FIXED = 8        /* slots from here: the driver, the ring, then free */
};

#define NS_MS 1000000ll

int64_t ns_now(void);                   /* ns since boot */
void ns_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ringif.c */
int ringif_start(struct netif *nif);    /* spawns the driver, attaches; 0 or -1 */
int ringif_poll(struct netif *nif);     /* frames received and handed to lwIP */

/* sockets.c */
void sockets_init(void);
int sockets_serve(void);                /* handles queued requests; how many */
void sockets_tick(void);                /* periodic checks (every 100 ms) */

/* ping.c */
int ping_gateway(struct netif *nif, const ip4_addr_t *gw, int64_t timeout_ns);

#endif
