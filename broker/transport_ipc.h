/* broker/transport_ipc.h - the broker served over jericho IPC: clients
 * call the broker's endpoint with MQTT packets and get their queued packets
 * in the reply; a client with output waiting while it is not calling is
 * signalled on its notification (docs/demos.md, "MQTT over IPC").
 *
 * Two ways to run it: transport_ipc_run owns the task (blocks in
 * reply_recv; the IPC demo), transport_ipc_poll serves what is queued and
 * returns (beside another transport in one loop: transport_net.c). */
#ifndef BROKER_TRANSPORT_IPC_H
#define BROKER_TRANSPORT_IPC_H

#include <jericho.h>

#include "transport.h"

#ifdef BROKER_PROFILE_NET
#define IPC_MSG_MAX 4096u      /* largest message a client sends or gets */
#else
#define IPC_MSG_MAX 1024u
#endif

struct ipc_config {
    jericho_cap_t console;     /* CONSOLE w: the log */
    jericho_cap_t endpoint;    /* ENDPOINT r: the clients call it */
    jericho_cap_t notify_base; /* NOTIFICATION w of client 1; client b at notify_base + b - 1 */
    unsigned clients;          /* badges 1..clients are clients; others are refused */
    unsigned end_after;        /* stop after this many DISCONNECTs (0: never) */
    /* transport_ipc_poll only: a call whose badge is `control` (0: none)
     * goes to on_control, whose reply is out[0..return value). */
    uint64_t control;
    uint32_t (*on_control)(void *ctx, const uint8_t *msg, uint32_t len, uint8_t *out, uint32_t cap);
    void *control_ctx;
};

/* The broker_ops an IPC transport gives the core: log to the console,
 * notify by signalling the client's notification. */
void transport_ipc_log(void *cfg, const char *text, size_t len);
void transport_ipc_notify(void *cfg, unsigned c);

/* Serve until cfg->end_after clients have disconnected (replying to the
 * last one), then return 0. */
int transport_ipc_run(struct broker *br, const struct ipc_config *cfg);

/* Serve at most max calls already queued on the endpoint (each answered
 * at once), without blocking; the core is set up by the caller, with
 * transport_ipc_notify for connections 1..cfg->clients. Returns how many
 * were served. */
int transport_ipc_poll(struct broker *br, const struct ipc_config *cfg, int max);

#endif
