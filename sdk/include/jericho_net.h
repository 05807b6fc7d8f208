/*
 * jericho_net.h - TCP sockets for C tasks, as capabilities (the network
 * task: netstack/README.md; the protocol: docs/abi.md section 7).
 *
 * A task reaches the network task only through badged capabilities to its
 * service endpoint:
 *   - a LISTEN right: may listen on one TCP port (the badge names it) and
 *     accept connections there;
 *   - a CONNECT right: may open TCP connections out;
 *   - a CONNECTION: one TCP connection, minted by the network task for an
 *     accept or a connect and sent in its reply. It can be passed over IPC
 *     like any capability; jnet_close closes it.
 * A right's badge says what it allows and who the client is (its client
 * id); the manifest (or another task holding one) grants it, e.g.
 *   caps: endpoint:net:wg:badge=0x010001000007   (client 1, listen on 7)
 * The `g` right lets jnet_attach pass the client's event notification.
 *
 * Everything is non-blocking at the network task: an operation that cannot
 * proceed answers JNET_E_WOULD_BLOCK, and the network task signals the
 * client's notification (given once with jnet_attach) when something
 * changed for any of its connections. The *_wait helpers below loop on
 * that: retry, else wait on the notification.
 *
 * Results: >= 0 success; negative: a kernel error (-JERICHO_E_*, e.g.
 * DESTROYED when the network task ended during the call) or a JNET_E_*
 * below; jnet_error_name() names both. Header only: needs jericho.h.
 */
#ifndef JERICHO_NET_H
#define JERICHO_NET_H

#include <stdint.h>

#include "jericho.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- badges ------------------------------------------------------------- */
/* bits 47..40 kind; LISTEN and CONNECT: bits 31..16 client id (1..65535),
 * bits 15..0 the port (LISTEN) or 0; CONNECTION: bits 39..16 a generation,
 * bits 15..0 the network task's connection index. */
#define JNET_KIND_LISTEN  1u
#define JNET_KIND_CONNECT 2u
#define JNET_KIND_CONN    3u
#define JNET_BADGE_KIND(b)   ((uint32_t)((uint64_t)(b) >> 40) & 0xffu)
#define JNET_BADGE_CLIENT(b) ((uint32_t)((uint64_t)(b) >> 16) & 0xffffu)
#define JNET_BADGE_PORT(b)   ((uint32_t)(uint64_t)(b) & 0xffffu)
#define JNET_BADGE_LISTEN(client, port) \
    (((uint64_t)JNET_KIND_LISTEN << 40) | ((uint64_t)(client) << 16) | (uint64_t)(port))
#define JNET_BADGE_CONNECT(client) \
    (((uint64_t)JNET_KIND_CONNECT << 40) | ((uint64_t)(client) << 16))

/* ---- the protocol: a 16-byte header, then data -------------------------- */
typedef struct {
    uint32_t op;        /* JNET_OP_*; in a reply: the status (int32_t) */
    uint32_t a, b;      /* arguments / results, per op */
    uint32_t len;       /* bytes of data after the header */
} jnet_hdr_t;
#define JNET_DATA_MAX (JERICHO_MSG_MAX - (uint32_t)sizeof(jnet_hdr_t))

enum {
    JNET_OP_ATTACH = 1,     /* send (not call) with the event notification */
    JNET_OP_STATUS = 2,     /* 0 if this right's client is attached */
    JNET_OP_LISTEN = 3,     /* LISTEN: a = port */
    JNET_OP_ACCEPT = 4,     /* LISTEN: reply carries a CONNECTION; a = peer IPv4, b = peer port */
    JNET_OP_CONNECT = 5,    /* CONNECT: a = IPv4 (a.b.c.d as a<<24|..), b = port; reply carries a CONNECTION */
    JNET_OP_SEND = 6,       /* CONNECTION: data; reply a = bytes taken */
    JNET_OP_RECV = 7,       /* CONNECTION: a = max bytes; reply data */
    JNET_OP_CLOSE = 8,      /* CONNECTION: close it (the capability stays, stale) */
    JNET_OP_UNLISTEN = 9,   /* LISTEN: stop listening */
    JNET_OP_ALARM = 10,     /* LISTEN or CONNECT: signal the notification in a ms (0: cancel) */
    JNET_OP_STATS = 11,     /* LISTEN or CONNECT: reply data: what is in use, one line of text */
};

/* Errors of the network task (beside the kernel's -JERICHO_E_*). */
enum {
    JNET_E_NO_RIGHT = -100,     /* this capability does not allow it (kind, port) */
    JNET_E_WOULD_BLOCK = -101,  /* nothing now: wait on the notification, retry */
    JNET_E_CLOSED = -102,       /* the peer closed (recv: after all data) */
    JNET_E_RESET = -103,        /* the connection was reset or timed out */
    JNET_E_LIMIT = -104,        /* a per-client or global limit is reached */
    JNET_E_STALE = -105,        /* no such connection or listener (closed; or the network task restarted) */
    JNET_E_BAD_REQUEST = -106,  /* malformed message */
    JNET_E_NOT_ATTACHED = -107, /* jnet_attach first */
    JNET_E_IN_USE = -108,       /* the port is taken */
    JNET_E_NOT_READY = -109,    /* the network is not up yet */
};

static inline const char *jnet_error_name(int64_t code)
{
    static const char *const names[] = {
        "NO_RIGHT", "WOULD_BLOCK", "CLOSED", "RESET", "LIMIT", "STALE",
        "BAD_REQUEST", "NOT_ATTACHED", "IN_USE", "NOT_READY",
    };
    if (code <= -100 && code > -100 - (int64_t)(sizeof names / sizeof names[0]))
        return names[-100 - code];
    return jericho_error_name(code);
}

/* ---- the calls ---------------------------------------------------------- */

/* One request: header + data out; reply header into *rep, reply data into
 * rbuf (at most rlen bytes). Returns the reply's status; *slot (if given)
 * the slot of a capability the reply carried, or -1. */
static inline int32_t jnet_request(jericho_cap_t ep, uint32_t op, uint32_t a, uint32_t b,
                                   const void *data, uint32_t len, jnet_hdr_t *rep,
                                   void *rbuf, uint32_t rlen, jericho_cap_t *slot)
{
    static uint8_t msg[JERICHO_MSG_MAX], in[JERICHO_MSG_MAX];
    jnet_hdr_t h = {op, a, b, len};
    jericho_msginfo_t info;
    int32_t rc;
    if (len > JNET_DATA_MAX || rlen > JNET_DATA_MAX)
        return JNET_E_BAD_REQUEST;
    __builtin_memcpy(msg, &h, sizeof h);
    if (len)
        __builtin_memcpy(msg + sizeof h, data, len);
    rc = jericho_call(ep, msg, (uint32_t)sizeof h + len, in, (uint32_t)sizeof h + rlen, &info);
    if (slot)
        *slot = info.cap_slot;
    if (rc < 0)
        return rc;
    if ((uint32_t)rc < sizeof h)
        return JNET_E_BAD_REQUEST;
    __builtin_memcpy(rep, in, sizeof h);
    if (rep->len > (uint32_t)rc - (uint32_t)sizeof h)
        rep->len = (uint32_t)rc - (uint32_t)sizeof h;
    if (rep->len)
        __builtin_memcpy(rbuf, in + sizeof h, rep->len);
    return (int32_t)rep->op;
}

/* Gives the network task this client's event notification (the client is
 * the one the badge of `right` names). `right` needs g. 0 once attached. */
static inline int32_t jnet_attach(jericho_cap_t right, jericho_cap_t ntfn)
{
    jnet_hdr_t h = {JNET_OP_ATTACH, 0, 0, 0}, r;
    int32_t rc = jericho_send(right, &h, sizeof h, ntfn);
    if (rc < 0)
        return rc;
    return jnet_request(right, JNET_OP_STATUS, 0, 0, 0, 0, &r, 0, 0, 0);
}

/* LISTEN right: listen on port (the one its badge names). */
static inline int32_t jnet_listen(jericho_cap_t right, uint16_t port)
{
    jnet_hdr_t r;
    return jnet_request(right, JNET_OP_LISTEN, port, 0, 0, 0, &r, 0, 0, 0);
}

/* LISTEN right: the next connection, as the slot of a CONNECTION
 * capability; peer address in *ip, *port (if given). WOULD_BLOCK if none. */
static inline int32_t jnet_accept(jericho_cap_t right, uint32_t *ip, uint16_t *port)
{
    jnet_hdr_t r;
    jericho_cap_t slot;
    int32_t rc = jnet_request(right, JNET_OP_ACCEPT, 0, 0, 0, 0, &r, 0, 0, &slot);
    if (rc < 0)
        return rc;
    if (slot < 0)
        return -JERICHO_E_SLOT_OCCUPIED;    /* no free slot: the connection capability was dropped */
    if (ip)
        *ip = r.a;
    if (port)
        *port = (uint16_t)r.b;
    return slot;
}

/* CONNECT right: opens a connection to ip (a<<24|b<<16|c<<8|d) and port;
 * returns its CONNECTION slot at once (send/recv say WOULD_BLOCK until it
 * is established, RESET if it fails). */
static inline int32_t jnet_connect(jericho_cap_t right, uint32_t ip, uint16_t port)
{
    jnet_hdr_t r;
    jericho_cap_t slot;
    int32_t rc = jnet_request(right, JNET_OP_CONNECT, ip, port, 0, 0, &r, 0, 0, &slot);
    if (rc < 0)
        return rc;
    return slot < 0 ? -JERICHO_E_SLOT_OCCUPIED : slot;
}

/* CONNECTION: queues up to len bytes (at most JNET_DATA_MAX) to send;
 * returns how many were taken (> 0) or an error (WOULD_BLOCK: no room). */
static inline int32_t jnet_send(jericho_cap_t conn, const void *buf, uint32_t len)
{
    jnet_hdr_t r;
    int32_t rc;
    if (len > JNET_DATA_MAX)
        len = JNET_DATA_MAX;
    rc = jnet_request(conn, JNET_OP_SEND, 0, 0, buf, len, &r, 0, 0, 0);
    return rc < 0 ? rc : (int32_t)r.a;
}

/* CONNECTION: up to len bytes received (at most JNET_DATA_MAX); 0 when the
 * peer closed and everything was read; WOULD_BLOCK if nothing yet. */
static inline int32_t jnet_recv(jericho_cap_t conn, void *buf, uint32_t len)
{
    jnet_hdr_t r;
    int32_t rc;
    if (len > JNET_DATA_MAX)
        len = JNET_DATA_MAX;
    rc = jnet_request(conn, JNET_OP_RECV, len, 0, 0, 0, &r, buf, len, 0);
    if (rc == JNET_E_CLOSED)
        return 0;
    return rc < 0 ? rc : (int32_t)r.len;
}

/* CONNECTION: closes the connection and deletes the capability. */
static inline int32_t jnet_close(jericho_cap_t conn)
{
    jnet_hdr_t r;
    int32_t rc = jnet_request(conn, JNET_OP_CLOSE, 0, 0, 0, 0, &r, 0, 0, 0);
    jericho_cap_delete(conn);
    return rc;
}

/* LISTEN or CONNECT right: the network task signals the client's
 * notification once, ms milliseconds from now (within its 10 ms tick);
 * 0 cancels. One alarm per client: a new one replaces the last. With it a
 * client waits for its sockets or a timeout (jnet_wait_ms). */
static inline int32_t jnet_alarm(jericho_cap_t right, uint32_t ms)
{
    jnet_hdr_t r;
    return jnet_request(right, JNET_OP_ALARM, ms, 0, 0, 0, &r, 0, 0, 0);
}

/* LISTEN or CONNECT right: the network task's counters as one line of
 * text ("conns=N ... lwip_heap=B ..."), NUL-ended in buf; its length or
 * an error. */
static inline int32_t jnet_stats(jericho_cap_t right, char *buf, uint32_t len)
{
    jnet_hdr_t r;
    int32_t rc;
    if (len == 0)
        return JNET_E_BAD_REQUEST;
    rc = jnet_request(right, JNET_OP_STATS, 0, 0, 0, 0, &r, buf, len - 1, 0);
    if (rc < 0)
        return rc;
    buf[r.len] = 0;
    return (int32_t)r.len;
}

/* Waits until something changed for the client's sockets or about ms
 * milliseconds passed; the notification's bits, or an error. */
static inline int64_t jnet_wait_ms(jericho_cap_t right, jericho_cap_t ntfn, uint32_t ms)
{
    int32_t rc = jnet_alarm(right, ms ? ms : 1);
    return rc < 0 ? rc : jericho_wait(ntfn);
}

/* ---- blocking helpers: retry, else wait on the client's notification ---- */

static inline int32_t jnet_accept_wait(jericho_cap_t right, jericho_cap_t ntfn,
                                       uint32_t *ip, uint16_t *port)
{
    for (;;) {
        int32_t rc = jnet_accept(right, ip, port);
        if (rc != JNET_E_WOULD_BLOCK)
            return rc;
        if ((rc = (int32_t)jericho_wait(ntfn)) < 0)
            return rc;
    }
}

static inline int32_t jnet_recv_wait(jericho_cap_t conn, jericho_cap_t ntfn, void *buf, uint32_t len)
{
    for (;;) {
        int32_t rc = jnet_recv(conn, buf, len);
        if (rc != JNET_E_WOULD_BLOCK)
            return rc;
        int64_t w = jericho_wait(ntfn);
        if (w < 0)
            return (int32_t)w;
    }
}

/* Sends all len bytes; returns len or the first error. */
static inline int32_t jnet_send_all(jericho_cap_t conn, jericho_cap_t ntfn, const void *buf, uint32_t len)
{
    const uint8_t *p = (const uint8_t *)buf;
    uint32_t done = 0;
    while (done < len) {
        int32_t rc = jnet_send(conn, p + done, len - done);
        if (rc == JNET_E_WOULD_BLOCK) {
            int64_t w = jericho_wait(ntfn);
            if (w < 0)
                return (int32_t)w;
            continue;
        }
        if (rc < 0)
            return rc;
        done += (uint32_t)rc;
    }
    return (int32_t)len;
}

#ifdef __cplusplus
}
#endif

#endif
