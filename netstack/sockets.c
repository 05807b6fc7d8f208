/* sockets.c - the network task's socket server: TCP listeners and
 * connections for client tasks, reached only through badged capabilities
 * to the service endpoint (protocol: sdk/include/jericho_net.h, docs/abi.md
 * section 7, netstack/README.md).
 *
 * A request is a `call` on a badged endpoint capability; the badge is the
 * authority: a LISTEN right (client id, port), a CONNECT right (client
 * id), or a CONNECTION (index and generation of a connection this task
 * minted). The task never blocks on a client: every request is answered
 * at once (WOULD_BLOCK when nothing can be done) and the client's event
 * notification, given with ATTACH, is signalled when something changes.
 *
 * What a client can make this task hold is bounded: CLIENT_MAX clients,
 * CONN_PER_CLIENT connections each (pending accepts included), CONN_MAX
 * in all (and at most our free slots: one each, found up to the CSpace's
 * size, `cspace:` of tests/net/netstack.manifest), LISTEN_PER_CLIENT listeners, a backlog of BACKLOG unaccepted
 * connections per listener. Received data is copied out of lwIP's pbufs
 * at once into the connection's own ring of TCP_WND bytes, and the window
 * is opened only as the client reads: a client that never reads holds one
 * window per connection and nothing of lwIP's pools. Sent data waits in
 * lwIP's send buffer (TCP_SND_BUF per connection). */
#include <string.h>

#include <stdio.h>

#include "lwip/stats.h"
#include "lwip/tcp.h"
#include "netstack.h"
#include "jericho_net.h"

#define CLIENT_MAX 8
#define CONN_MAX 128        /* a slot each: the manifest's `cspace: 256` (README, Limits) */
#define CONN_PER_CLIENT 128 /* the broker is one client */
#define LISTEN_MAX 8
#define LISTEN_PER_CLIENT 2
#define BACKLOG 4
#define BATCH 16            /* requests handled per call of sockets_serve */
#define RXBUF TCP_WND

typedef struct {
    uint16_t id;            /* 0: free */
    jericho_cap_t ntfn;     /* its event notification, or -1 */
    uint8_t nconns, nlisten;
    int64_t alarm;          /* ns: signal the notification then (0: none) */
} client_t;

typedef struct {
    struct tcp_pcb *pcb;    /* NULL: free */
    uint16_t client, port;
} listener_t;

enum { C_FREE, C_CONNECTING, C_OPEN, C_FAILED };

typedef struct {
    uint8_t state;
    uint8_t pending;        /* accepted by lwIP, not yet by the client */
    uint8_t peer_closed;
    int8_t listener;        /* pending: its listener */
    uint16_t client;
    uint32_t gen;           /* 24 bits: in the badge */
    uint32_t seq;           /* accept order */
    err_t err;
    jericho_cap_t keep;     /* our copy, the parent of the client's, or -1 */
    struct tcp_pcb *pcb;
    uint32_t rx_head, rx_tail;  /* bytes in rx: rx_head - rx_tail */
    uint8_t rx[RXBUF];
} conn_t;

static client_t clients[CLIENT_MAX];
static listener_t listeners[LISTEN_MAX];
static conn_t conns[CONN_MAX];
static uint32_t accept_seq;
static jericho_cap_t nslots = JERICHO_SLOTS;    /* our CSpace's size (sockets_init) */
static uint8_t in[JERICHO_MSG_MAX], out[JERICHO_MSG_MAX];

static client_t *client_find(uint16_t id)
{
    for (int i = 0; i < CLIENT_MAX; i++)
        if (clients[i].id == id)
            return &clients[i];
    return NULL;
}

/* The client's entry, made if needed (NULL: table full). */
static client_t *client_get(uint16_t id)
{
    client_t *c = client_find(id);
    if (c)
        return c;
    if (!(c = client_find(0)))
        return NULL;
    c->id = id;
    c->ntfn = -1;
    c->nconns = c->nlisten = 0;
    c->alarm = 0;
    return c;
}

static void notify(uint16_t client)
{
    client_t *c = client_find(client);
    if (c && c->ntfn >= 0)
        jericho_signal(c->ntfn, 1);
}

static uint64_t conn_badge(const conn_t *k)
{
    return ((uint64_t)JNET_KIND_CONN << 40) | ((uint64_t)(k->gen & 0xffffff) << 16) |
           (uint64_t)(k - conns);
}

/* ---- lwIP callbacks (arg: the connection) ---- */

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    conn_t *k = arg;
    (void)pcb;
    if (!p) {
        k->peer_closed = 1;
    } else {
        /* lwIP never delivers more than the window we opened: it fits */
        uint32_t room = RXBUF - (k->rx_head - k->rx_tail), off = 0;
        if (err != ERR_OK || p->tot_len > room) {
            pbuf_free(p);
            return ERR_OK;
        }
        for (struct pbuf *q = p; q; q = q->next) {
            for (uint32_t i = 0; i < q->len; i++)
                k->rx[(k->rx_head + off + i) % RXBUF] = ((uint8_t *)q->payload)[i];
            off += q->len;
        }
        k->rx_head += off;
        pbuf_free(p);
    }
    notify(k->client);
    return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    conn_t *k = arg;
    (void)pcb; (void)len;
    notify(k->client);
    return ERR_OK;
}

/* The pcb is already freed by lwIP (reset, timeout, abort). */
static void on_err(void *arg, err_t err)
{
    conn_t *k = arg;
    if (!k)
        return;
    k->pcb = NULL;
    k->state = C_FAILED;
    k->err = err;
    notify(k->client);
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    conn_t *k = arg;
    (void)pcb;
    if (err == ERR_OK)
        k->state = C_OPEN;
    notify(k->client);
    return ERR_OK;
}

static conn_t *conn_new(client_t *c, struct tcp_pcb *pcb)
{
    if (c->nconns >= CONN_PER_CLIENT)
        return NULL;
    for (int i = 0; i < CONN_MAX; i++) {
        conn_t *k = &conns[i];
        if (k->state != C_FREE)
            continue;
        uint32_t gen = k->gen;
        memset(k, 0, offsetof(conn_t, rx));
        k->gen = gen;
        k->listener = -1;
        k->keep = -1;
        k->client = c->id;
        k->pcb = pcb;
        k->state = C_OPEN;
        c->nconns++;
        tcp_arg(pcb, k);
        tcp_recv(pcb, on_recv);
        tcp_sent(pcb, on_sent);
        tcp_err(pcb, on_err);
        return k;
    }
    return NULL;
}

/* Ends the connection (gracefully if abort is 0) and frees its entry; a
 * capability naming it is stale from now on (the generation moves). */
static void conn_free(conn_t *k, int abort)
{
    client_t *c = client_find(k->client);
    if (k->pcb) {
        struct tcp_pcb *pcb = k->pcb;
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_sent(pcb, NULL);
        tcp_err(pcb, NULL);
        if (k->pending)
            tcp_backlog_accepted(pcb);
        if (abort || tcp_close(pcb) != ERR_OK)
            tcp_abort(pcb);
    }
    if (k->keep >= 0)
        jericho_cap_delete(k->keep);    /* what the client holds is stale now */
    k->keep = -1;
    if (c && c->nconns)
        c->nconns--;
    k->pcb = NULL;
    k->state = C_FREE;
    k->gen = (k->gen + 1) & 0xffffff;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    listener_t *l = arg;
    client_t *c = client_find(l->client);
    int pending = 0;
    conn_t *k;
    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    for (int i = 0; i < CONN_MAX; i++)
        pending += conns[i].state != C_FREE && conns[i].pending &&
                   conns[i].listener == (int8_t)(l - listeners);
    if (!c || pending >= BACKLOG || !(k = conn_new(c, pcb))) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    k->pending = 1;
    k->listener = (int8_t)(l - listeners);
    k->seq = accept_seq++;
    tcp_backlog_delayed(pcb);
    notify(c->id);
    return ERR_OK;
}

/* ---- requests ---- */

/* A free slot for a capability to hand out, or -1. */
static jericho_cap_t free_slot(void)
{
    jericho_capinfo_t ci;
    for (jericho_cap_t s = NS_FIXED; s < nslots; s++)
        if (jericho_cap_info(s, &ci) == -JERICHO_E_EMPTY_SLOT)
            return s;
    return -1;
}

/* Replies with status and a new CONNECTION capability for k: minted from
 * the service endpoint (write only, badged with k's index and generation)
 * into a slot of ours, kept there as k->keep; the client gets a copy of
 * it, a child in the derivation tree, and whatever it derives from that
 * (copies, copies passed over IPC) stays below. When nothing is derived
 * from k->keep any more (cap_derived), the last capability the client
 * side held is gone: deleted, revoked, or its holders ended; sockets_tick
 * closes the connection then. */
static void reply_conn(conn_t *k, uint32_t a, uint32_t b)
{
    jnet_hdr_t h = {0, a, b, 0};
    jericho_cap_t s = free_slot();
    if (s < 0 || jericho_cap_mint(NS_SERVICE, s, JERICHO_R_WRITE, conn_badge(k)) < 0) {
        conn_free(k, 1);
        h.op = (uint32_t)JNET_E_LIMIT;
        jericho_reply(&h, sizeof h, -1);
        return;
    }
    jericho_reply(&h, sizeof h, s);
    k->keep = s;
}

static void reply_status(int32_t st, uint32_t a)
{
    jnet_hdr_t h = {(uint32_t)st, a, 0, 0};
    jericho_reply(&h, sizeof h, -1);
}

static listener_t *listener_find(uint16_t client, uint16_t port)
{
    for (int i = 0; i < LISTEN_MAX; i++)
        if (listeners[i].pcb && listeners[i].client == client && listeners[i].port == port)
            return &listeners[i];
    return NULL;
}

static int32_t op_listen(client_t *c, uint16_t port)
{
    listener_t *l = listener_find(c->id, port);
    struct tcp_pcb *pcb, *lpcb;
    if (l)
        return 0;
    if (c->nlisten >= LISTEN_PER_CLIENT)
        return JNET_E_LIMIT;
    for (int i = 0; i < LISTEN_MAX && !l; i++)
        if (!listeners[i].pcb)
            l = &listeners[i];
    if (!l || !(pcb = tcp_new()))
        return JNET_E_LIMIT;
    if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
        tcp_close(pcb);
        return JNET_E_IN_USE;
    }
    if (!(lpcb = tcp_listen_with_backlog(pcb, BACKLOG))) {
        tcp_close(pcb);
        return JNET_E_LIMIT;
    }
    l->pcb = lpcb;
    l->client = c->id;
    l->port = port;
    c->nlisten++;
    tcp_arg(lpcb, l);
    tcp_accept(lpcb, on_accept);
    ns_log("client %u listens on tcp port %u", c->id, port);
    if (port == 1883)
        ns_log("from the host: mosquitto_sub -h 127.0.0.1 -t '#' -v");
    return 0;
}

static void listener_close(listener_t *l)
{
    client_t *c = client_find(l->client);
    for (int i = 0; i < CONN_MAX; i++)
        if (conns[i].state != C_FREE && conns[i].pending && conns[i].listener == (int8_t)(l - listeners))
            conn_free(&conns[i], 1);
    tcp_arg(l->pcb, NULL);
    tcp_accept(l->pcb, NULL);
    tcp_close(l->pcb);
    l->pcb = NULL;
    if (c && c->nlisten)
        c->nlisten--;
}

static void op_accept(client_t *c, uint16_t port)
{
    listener_t *l = listener_find(c->id, port);
    conn_t *best = NULL;
    if (!l) {
        reply_status(JNET_E_STALE, 0);
        return;
    }
    for (int i = 0; i < CONN_MAX; i++) {
        conn_t *k = &conns[i];
        if (k->state != C_FREE && k->pending && k->listener == (int8_t)(l - listeners) &&
            (!best || (int32_t)(k->seq - best->seq) < 0))
            best = k;
    }
    if (!best) {
        reply_status(JNET_E_WOULD_BLOCK, 0);
        return;
    }
    best->pending = 0;
    best->listener = -1;
    uint32_t ip = 0, port_peer = 0;
    if (best->pcb) {
        tcp_backlog_accepted(best->pcb);
        ip = lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(&best->pcb->remote_ip)));
        port_peer = best->pcb->remote_port;
    }
    reply_conn(best, ip, port_peer);
}

static void op_connect(client_t *c, uint32_t ip, uint32_t port)
{
    struct tcp_pcb *pcb;
    ip_addr_t dst;
    conn_t *k;
    if (port == 0 || port > 0xffff) {
        reply_status(JNET_E_BAD_REQUEST, 0);
        return;
    }
    if (c->nconns >= CONN_PER_CLIENT || !(pcb = tcp_new())) {
        reply_status(JNET_E_LIMIT, 0);
        return;
    }
    if (!(k = conn_new(c, pcb))) {
        tcp_close(pcb);
        reply_status(JNET_E_LIMIT, 0);
        return;
    }
    k->state = C_CONNECTING;
    ip_addr_set_ip4_u32(&dst, lwip_htonl(ip));
    if (tcp_connect(pcb, &dst, (u16_t)port, on_connected) != ERR_OK) {
        conn_free(k, 1);
        reply_status(JNET_E_RESET, 0);
        return;
    }
    reply_conn(k, 0, 0);
}

static int32_t conn_status(const conn_t *k)
{
    if (k->state == C_FAILED)
        return JNET_E_RESET;
    if (k->state == C_CONNECTING)
        return JNET_E_WOULD_BLOCK;
    return 0;
}

static void op_send(conn_t *k, const uint8_t *data, uint32_t len)
{
    int32_t st = conn_status(k);
    uint32_t n;
    if (st < 0) {
        reply_status(st, 0);
        return;
    }
    n = tcp_sndbuf(k->pcb);
    if (n > len)
        n = len;
    while (n && tcp_write(k->pcb, data, (u16_t)n, TCP_WRITE_FLAG_COPY) == ERR_MEM)
        n /= 2;
    if (!n) {
        reply_status(len ? JNET_E_WOULD_BLOCK : 0, 0);
        return;
    }
    tcp_output(k->pcb);
    reply_status(0, n);
}

static void op_recv(conn_t *k, uint32_t max)
{
    jnet_hdr_t h = {0, 0, 0, 0};
    uint32_t have = k->rx_head - k->rx_tail, n;
    if (!have) {
        int32_t st = conn_status(k);
        reply_status(st < 0 ? st : k->peer_closed ? JNET_E_CLOSED : JNET_E_WOULD_BLOCK, 0);
        return;
    }
    n = have < max ? have : max;
    if (n > JNET_DATA_MAX)
        n = JNET_DATA_MAX;
    for (uint32_t i = 0; i < n; i++)
        out[sizeof h + i] = k->rx[(k->rx_tail + i) % RXBUF];
    k->rx_tail += n;
    if (k->pcb)
        tcp_recved(k->pcb, (u16_t)n);
    h.len = n;
    memcpy(out, &h, sizeof h);
    jericho_reply(out, (uint32_t)sizeof h + n, -1);
}

static void attach(uint64_t badge, jericho_cap_t cap)
{
    uint32_t kind = JNET_BADGE_KIND(badge);
    jericho_capinfo_t ci;
    client_t *c;
    if ((kind != JNET_KIND_LISTEN && kind != JNET_KIND_CONNECT) ||
        jericho_cap_info(cap, &ci) < 0 || ci.type != JERICHO_T_NOTIFICATION ||
        !(ci.rights & JERICHO_R_WRITE) || !(c = client_get((uint16_t)JNET_BADGE_CLIENT(badge)))) {
        jericho_cap_delete(cap);
        return;
    }
    if (c->ntfn >= 0)
        jericho_cap_delete(c->ntfn);
    c->ntfn = cap;
}

/* STATS: what is in use, as one line of text (the reply's data). */
static void op_stats(void)
{
    jnet_hdr_t h = {0, 0, 0, 0};
    int nconn = 0, nlisten = 0, nclient = 0, free_slots = 0;
    jericho_capinfo_t ci;
    for (int i = 0; i < CONN_MAX; i++)
        nconn += conns[i].state != C_FREE;
    for (int i = 0; i < LISTEN_MAX; i++)
        nlisten += listeners[i].pcb != NULL;
    for (int i = 0; i < CLIENT_MAX; i++)
        nclient += clients[i].id != 0;
    for (jericho_cap_t s = NS_FIXED; s < nslots; s++)
        free_slots += jericho_cap_info(s, &ci) == -JERICHO_E_EMPTY_SLOT;
    int n = snprintf((char *)out + sizeof h, JNET_DATA_MAX,
                     "conns=%d listeners=%d clients=%d free_slots=%d lwip_heap=%u tcp_pcbs=%u "
                     "tcp_listen=%u tcp_segs=%u pbufs=%u",
                     nconn, nlisten, nclient, free_slots, (unsigned)lwip_stats.mem.used,
                     (unsigned)lwip_stats.memp[MEMP_TCP_PCB]->used,
                     (unsigned)lwip_stats.memp[MEMP_TCP_PCB_LISTEN]->used,
                     (unsigned)lwip_stats.memp[MEMP_TCP_SEG]->used,
                     (unsigned)lwip_stats.memp[MEMP_PBUF_POOL]->used);
    h.len = n > 0 ? (uint32_t)n : 0;
    memcpy(out, &h, sizeof h);
    jericho_reply(out, (uint32_t)sizeof h + h.len, -1);
}

/* One request that came as a call (must be answered). */
static void request(uint64_t badge, const jnet_hdr_t *h, const uint8_t *data, uint32_t len)
{
    uint32_t kind = JNET_BADGE_KIND(badge);
    if (kind == JNET_KIND_CONN) {
        uint32_t idx = (uint32_t)badge & 0xffff, gen = (uint32_t)(badge >> 16) & 0xffffff;
        conn_t *k = idx < CONN_MAX ? &conns[idx] : NULL;
        if (!k || k->state == C_FREE || k->pending || k->gen != gen) {
            reply_status(JNET_E_STALE, 0);
            return;
        }
        switch (h->op) {
        case JNET_OP_SEND: op_send(k, data, len); return;
        case JNET_OP_RECV: op_recv(k, h->a); return;
        case JNET_OP_CLOSE: conn_free(k, 0); reply_status(0, 0); return;
        case JNET_OP_LISTEN: case JNET_OP_ACCEPT: case JNET_OP_CONNECT: case JNET_OP_UNLISTEN:
        case JNET_OP_STATUS: case JNET_OP_ALARM: case JNET_OP_STATS:
            reply_status(JNET_E_NO_RIGHT, 0);
            return;
        default: reply_status(JNET_E_BAD_REQUEST, 0); return;
        }
    }
    if (kind != JNET_KIND_LISTEN && kind != JNET_KIND_CONNECT) {
        reply_status(JNET_E_NO_RIGHT, 0);  /* unbadged or unknown: no authority */
        return;
    }
    uint16_t cid = (uint16_t)JNET_BADGE_CLIENT(badge), port = (uint16_t)JNET_BADGE_PORT(badge);
    client_t *c = client_get(cid);
    if (!c) {
        reply_status(JNET_E_LIMIT, 0);
        return;
    }
    switch (h->op) {
    case JNET_OP_STATUS:
        reply_status(c->ntfn >= 0 ? 0 : JNET_E_NOT_ATTACHED, 0);
        return;
    case JNET_OP_LISTEN:
        reply_status(kind == JNET_KIND_LISTEN && h->a == port ? op_listen(c, port) : JNET_E_NO_RIGHT, 0);
        return;
    case JNET_OP_UNLISTEN: {
        listener_t *l = kind == JNET_KIND_LISTEN ? listener_find(cid, port) : NULL;
        if (l)
            listener_close(l);
        reply_status(kind == JNET_KIND_LISTEN ? (l ? 0 : JNET_E_STALE) : JNET_E_NO_RIGHT, 0);
        return;
    }
    case JNET_OP_ACCEPT:
        if (kind != JNET_KIND_LISTEN)
            reply_status(JNET_E_NO_RIGHT, 0);
        else
            op_accept(c, port);
        return;
    case JNET_OP_CONNECT:
        if (kind != JNET_KIND_CONNECT)
            reply_status(JNET_E_NO_RIGHT, 0);
        else
            op_connect(c, h->a, h->b);
        return;
    case JNET_OP_ALARM:
        c->alarm = h->a ? ns_now() + (int64_t)h->a * NS_MS : 0;
        reply_status(0, 0);
        return;
    case JNET_OP_STATS:
        op_stats();
        return;
    case JNET_OP_SEND: case JNET_OP_RECV: case JNET_OP_CLOSE:
        reply_status(JNET_E_NO_RIGHT, 0);
        return;
    default:
        reply_status(JNET_E_BAD_REQUEST, 0);
    }
}

void sockets_init(void)
{
    nslots = (jericho_cap_t)jericho_slots();
    for (int i = 0; i < CONN_MAX; i++)
        conns[i].gen = netstack_rand() & 0xffffff;  /* stale capabilities of a previous run miss */
}

int sockets_serve(void)
{
    int64_t now = ns_now();
    int n;
    for (int i = 0; i < CLIENT_MAX; i++)
        if (clients[i].id && clients[i].alarm && now >= clients[i].alarm) {
            clients[i].alarm = 0;
            notify(clients[i].id);
        }
    for (n = 0; n < BATCH; n++) {
        jericho_msginfo_t info;
        jnet_hdr_t h;
        int32_t rc = jericho_poll(NS_SERVICE, in, sizeof in, &info);
        if (rc < 0)
            break;
        if (info.flags & JERICHO_MSG_CALL) {
            if (info.cap_slot >= 0)
                jericho_cap_delete(info.cap_slot);
            if ((uint32_t)rc < sizeof h || (info.flags & JERICHO_MSG_TRUNCATED)) {
                reply_status(JNET_E_BAD_REQUEST, 0);
                continue;
            }
            memcpy(&h, in, sizeof h);
            uint32_t len = (uint32_t)rc - (uint32_t)sizeof h;
            if (h.len != len) {
                reply_status(JNET_E_BAD_REQUEST, 0);
                continue;
            }
            request(info.badge, &h, in + sizeof h, len);
        } else if (info.cap_slot >= 0) {
            memcpy(&h, in, (uint32_t)rc < sizeof h ? (uint32_t)rc : sizeof h);
            if ((uint32_t)rc >= sizeof h && h.op == JNET_OP_ATTACH)
                attach(info.badge, info.cap_slot);
            else
                jericho_cap_delete(info.cap_slot);
        }
    }
    return n;
}

/* Closes every connection whose capabilities are all gone (reply_conn). */
void sockets_tick(void)
{
    for (int i = 0; i < CONN_MAX; i++) {
        conn_t *k = &conns[i];
        if (k->state != C_FREE && k->keep >= 0 && jericho_cap_derived(k->keep) == 0) {
            ns_log("connection %d: its last capability is gone: closed", i);
            conn_free(k, 0);
            notify(k->client);
        }
    }
}
