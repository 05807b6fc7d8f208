/* broker/transport_net.h - the broker on TCP through the network task's
 * sockets (sdk/include/jericho_net.h, docs/abi.md section 7), beside its
 * IPC clients: one core, both transports, one loop (mqttnet/README.md).
 *
 * The TCP side is the stream transport of stream.h over capabilities: a
 * LISTEN right for the port (from the manifest, or the task that spawned
 * the broker), the client's event notification, and a CONNECTION
 * capability per accepted client, closed with jnet_close. IPC clients
 * keep their badges 1..ipc->clients; TCP connections take the numbers
 * above. Nothing blocks but the wait for something to do: the network
 * task signals the notification when a socket changes, an IPC client may
 * signal it before calling (else its call waits for the next periodic
 * wake, TICK_MS), and an alarm of the network task ends each wait at the
 * next tick (keep-alive and CONNECT timeouts, broker_tick).
 *
 * A call through the IPC badge `control` is the owner's: "stats" prints
 * and returns the counters, "stop" closes every TCP connection and makes
 * transport_net_run return 0 after answering. */
#ifndef BROKER_TRANSPORT_NET_H
#define BROKER_TRANSPORT_NET_H

#include "stream.h"
#include "transport_ipc.h"

struct net_config {
    jericho_cap_t console;     /* CONSOLE w: the log */
    jericho_cap_t clock;       /* CLOCK r: broker_tick */
    jericho_cap_t listen;      /* LISTEN right for port (g: to attach) */
    jericho_cap_t ntfn;        /* NOTIFICATION rw: the network task signals it */
    uint16_t port;
    struct ipc_config *ipc;    /* IPC clients served too (required; clients may be 0);
                                * its control badge is the owner's */
};

/* Serves until the owner's "stop" (0) or the network task fails us (1). */
int transport_net_run(struct broker *br, struct stream *st, struct net_config *cfg);

#endif
