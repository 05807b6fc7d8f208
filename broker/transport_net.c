/* broker/transport_net.c - the broker on TCP through the network task,
 * beside its IPC clients (transport_net.h). */
#include "transport_net.h"

#include <stdio.h>
#include <string.h>

#include <jericho_net.h>

#define TICK_MS 100         /* broker_tick, and the longest wait */
#define ROUNDS_RECV 4       /* reads of one connection per round */

static jericho_cap_t conn_cap[BROKER_MAX_CLIENTS + 1];    /* -1: not a TCP connection */
static bool closing[BROKER_MAX_CLIENTS + 1];
static uint8_t buf[JNET_DATA_MAX];
static bool stopping;

static struct net_ctx {
    struct broker *br;
    struct stream *st;
    struct net_config *cfg;
    unsigned ipc_clients;
} nx;

static void net_notify(void *ctx, unsigned c)
{
    (void)ctx;
    if (c <= nx.ipc_clients)
        transport_ipc_notify(nx.cfg->ipc, c);
    /* a TCP connection's output is sent at the end of every round */
}

static void net_close(void *ctx, unsigned c)
{
    (void)ctx;
    if (c <= BROKER_MAX_CLIENTS && conn_cap[c] >= 0)
        closing[c] = true;
}

static uint64_t now_ms(void)
{
    int64_t t = jericho_clock_now(nx.cfg->clock);
    return t > 0 ? (uint64_t)t / 1000000u : 0;
}

/* Sends what c has queued, as much as the network task takes now; false
 * if the connection failed. */
static bool flush(unsigned c)
{
    size_t n;
    const uint8_t *p;
    while ((p = stream_output(nx.st, c, &n)) != NULL) {
        int32_t k = jnet_send(conn_cap[c], p, n > JNET_DATA_MAX ? JNET_DATA_MAX : (uint32_t)n);
        if (k == JNET_E_WOULD_BLOCK)
            return true;
        if (k <= 0)
            return false;
        stream_sent(nx.st, c, (size_t)k);
    }
    return true;
}

static void drop(unsigned c)
{
    stream_closed(nx.st, c);
    jnet_close(conn_cap[c]);
    conn_cap[c] = -1;
    closing[c] = false;
}

static void stats_text(char *out, size_t cap)
{
    struct broker_stats s;
    unsigned open;
    size_t buffered;
    broker_stats(nx.br, &s);
    stream_stats(nx.st, &open, &buffered);
    snprintf(out, cap, "stats conns=%u sessions=%u subs=%u retained=%u wills=%u stored_msgs=%u "
             "queued_bytes=%zu stored_bytes=%zu retained_bytes=%zu streams=%u buffered=%zu",
             s.conns, s.sessions, s.subs, s.retained, s.wills, s.stored_msgs, s.queued_bytes,
             s.stored_bytes, s.retained_bytes, open, buffered);
}

static uint32_t on_control(void *ctx, const uint8_t *msg, uint32_t len, uint8_t *out, uint32_t cap)
{
    char text[320];
    (void)ctx;
    if (len == 4 && !memcmp(msg, "stop", 4)) {
        stopping = true;
        for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++)
            if (conn_cap[c] >= 0)
                drop(c);
        broker_log(nx.br, "stopping: every TCP connection closed");
    }
    stats_text(text, sizeof text);
    broker_log(nx.br, text);
    len = (uint32_t)strlen(text);
    len = len < cap ? len : cap;
    memcpy(out, text, len);
    return len;
}

/* Accepts what waits on the listener; false if the listener failed. */
static bool accept_all(int *moved)
{
    for (;;) {
        int32_t rc = jnet_accept(nx.cfg->listen, NULL, NULL);
        if (rc == JNET_E_WOULD_BLOCK)
            return true;
        if (rc < 0) {
            char text[64];
            snprintf(text, sizeof text, "accept on tcp port %u: %s", nx.cfg->port,
                     jnet_error_name(rc));
            broker_log(nx.br, text);
            return false;
        }
        *moved = 1;
        unsigned c = stream_open(nx.st);
        if (!c) {
            broker_log(nx.br, "too many connections: refused one");
            jnet_close(rc);
            continue;
        }
        conn_cap[c] = rc;
    }
}

/* Reads, frames, answers connection c; closes it when it ends. */
static void serve(unsigned c, int *moved)
{
    for (int i = 0; i < ROUNDS_RECV && !closing[c]; i++) {
        int32_t n = jnet_recv(conn_cap[c], buf, sizeof buf);
        if (n == JNET_E_WOULD_BLOCK)
            break;
        *moved = 1;
        if (n <= 0) {       /* the peer closed (0), reset, or stale */
            drop(c);
            return;
        }
        if (stream_input(nx.st, c, buf, (size_t)n) == STREAM_CLOSE) {
            flush(c);       /* best effort: a refusing CONNACK */
            closing[c] = true;
        }
    }
    if (!flush(c) || closing[c])
        drop(c);
}

int transport_net_run(struct broker *br, struct stream *st, struct net_config *cfg)
{
    struct broker_ops ops = { .log = transport_ipc_log, .notify = net_notify, .close = net_close,
                              .ctx = cfg->ipc, .client_word = "connection" };
    char text[96];
    int32_t rc;
    nx = (struct net_ctx){ br, st, cfg, cfg->ipc->clients };
    cfg->ipc->on_control = on_control;
    for (unsigned c = 0; c <= BROKER_MAX_CLIENTS; c++)
        conn_cap[c] = -1;
    broker_init(br, &ops);
    stream_init(st, br);
    stream_reserve(st, nx.ipc_clients);
    rc = jnet_attach(cfg->listen, cfg->ntfn);
    while (rc >= 0 && (rc = jnet_listen(cfg->listen, cfg->port)) == JNET_E_NOT_READY)
        jericho_sleep(cfg->clock, 100000000);
    snprintf(text, sizeof text, "listening on tcp port %u: %s", cfg->port,
             rc < 0 ? jnet_error_name(rc) : "ok");
    broker_log(br, text);
    if (rc < 0)
        return 1;
    uint64_t tick = now_ms();
    while (!stopping) {
        int moved = transport_ipc_poll(br, cfg->ipc, 16) > 0;
        if (stopping)
            break;
        if (!accept_all(&moved))
            return 1;
        for (unsigned c = nx.ipc_clients + 1; c <= BROKER_MAX_CLIENTS; c++)
            if (conn_cap[c] >= 0)
                serve(c, &moved);
        uint64_t now = now_ms();
        if (now - tick >= TICK_MS) {
            broker_tick(br, now);
            tick = now;
            moved = 1;      /* the tick may have ended connections: one more round */
        }
        if (!moved && jnet_wait_ms(cfg->listen, cfg->ntfn, TICK_MS) < 0)
            return 1;
    }
    jnet_request(cfg->listen, JNET_OP_UNLISTEN, 0, 0, 0, 0, &(jnet_hdr_t){0}, 0, 0, 0);
    return 0;
}
