/* broker/transport_ipc.c - the broker over jericho IPC (transport_ipc.h).
 * Each turn of the loop replies to the previous caller with its queued
 * packets and receives the next message; the badge of the caller's
 * endpoint capability says which connection it is. A connection opens
 * with its first message and again after it ended (DISCONNECT, a refused
 * CONNECT, a takeover); a malformed message does not end it. No clock:
 * no keep-alive or CONNECT timeouts over IPC. */
#include "transport_ipc.h"

#include <stdio.h>

static uint8_t in[IPC_MSG_MAX], out[IPC_MSG_MAX];

void transport_ipc_log(void *ctx, const char *text, size_t len)
{
    const struct ipc_config *cfg = ctx;
    char line[258];
    size_t n = len < 256 ? len : 256;
    for (size_t i = 0; i < n; i++)
        line[i] = text[i];
    line[n] = '\n';
    jericho_console_write(cfg->console, line, (uint32_t)n + 1);
}

void transport_ipc_notify(void *ctx, unsigned c)
{
    const struct ipc_config *cfg = ctx;
    jericho_signal(cfg->notify_base + (jericho_cap_t)c - 1, 1);
}

/* One message of len bytes received with info: handled; the length of
 * the reply in out. */
static uint32_t handle(struct broker *br, const struct ipc_config *cfg,
                       const jericho_msginfo_t *info, int32_t len)
{
    unsigned clients = cfg->clients < BROKER_MAX_CLIENTS ? cfg->clients : BROKER_MAX_CLIENTS;
    if (len < 0)
        return 0;
    if (cfg->control && info->badge == cfg->control && cfg->on_control)
        return cfg->on_control(cfg->control_ctx, in, (uint32_t)len, out, sizeof out);
    if (info->badge == 0 || info->badge > clients) {
        char text[48];
        snprintf(text, sizeof text, "message from unknown badge %llu",
                 (unsigned long long)info->badge);
        broker_log(br, text);
        return 0;
    }
    unsigned c = (unsigned)info->badge;
    if (!broker_is_open(br, c))
        broker_open(br, c);     /* a badge's first message, or after DISCONNECT */
    if (info->flags & JERICHO_MSG_TRUNCATED)
        broker_log_client(br, c, " sent a message longer than our buffer");
    else
        broker_input(br, c, in, (size_t)len);
    return (uint32_t)broker_take(br, c, out, sizeof out);
}

int transport_ipc_run(struct broker *br, const struct ipc_config *cfg)
{
    struct broker_ops ops = { .log = transport_ipc_log, .notify = transport_ipc_notify,
                              .ctx = (void *)cfg, .client_word = "badge" };
    uint32_t reply_len = 0;
    broker_init(br, &ops);
    for (;;) {
        jericho_msginfo_t info;
        int32_t len = jericho_reply_recv(cfg->endpoint, out, reply_len, in, sizeof in, &info);
        reply_len = handle(br, cfg, &info, len);
        if (cfg->end_after && br->disconnects >= cfg->end_after)
            break;
    }
    /* the last DISCONNECT still waits for its (empty) reply */
    jericho_reply(out, reply_len, JERICHO_NO_CAP);
    char text[48];
    snprintf(text, sizeof text, "all %u clients disconnected", cfg->end_after);
    broker_log(br, text);
    return 0;
}

int transport_ipc_poll(struct broker *br, const struct ipc_config *cfg, int max)
{
    int n;
    for (n = 0; n < max; n++) {
        jericho_msginfo_t info;
        int32_t len = jericho_poll(cfg->endpoint, in, sizeof in, &info);
        if (len < 0)
            break;
        uint32_t reply_len = handle(br, cfg, &info, len);
        if (info.flags & JERICHO_MSG_CALL)
            jericho_reply(out, reply_len, JERICHO_NO_CAP);
    }
    return n;
}
