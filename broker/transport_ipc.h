/* broker/transport_ipc.h - the broker served over jericho IPC: clients
 * call the broker's endpoint with MQTT packets and get their queued packets
 * in the reply; a client with output waiting while it is not calling is
 * signalled on its notification (docs/demos.md, "MQTT over IPC"). */
#ifndef BROKER_TRANSPORT_IPC_H
#define BROKER_TRANSPORT_IPC_H

#include <jericho.h>

#include "transport.h"

#define IPC_MSG_MAX 1024u      /* largest message a client sends or gets */

struct ipc_config {
    jericho_cap_t console;     /* CONSOLE w: the log */
    jericho_cap_t endpoint;    /* ENDPOINT r: the clients call it */
    jericho_cap_t notify_base; /* NOTIFICATION w of client 1; client b at notify_base + b - 1 */
    unsigned clients;          /* badges 1..clients are clients; others are refused */
    unsigned end_after;        /* stop after this many DISCONNECTs (0: never) */
};

/* Serve until cfg->end_after clients have disconnected (replying to the
 * last one), then return 0. */
int transport_ipc_run(struct broker *br, const struct ipc_config *cfg);

#endif
