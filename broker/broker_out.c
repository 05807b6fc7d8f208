/* broker/broker_out.c - the output path: each connection's queue of
 * encoded packets, and each session's store of QoS 1/2 deliveries, which
 * go out through an in-flight window of BROKER_INFLIGHT unacknowledged
 * messages and are sent again (DUP, or PUBREL) when a kept session's
 * client comes back (MQTT 3.1.1, 4.4).
 *
 * A store is a run of records, oldest first: a header, then the topic and
 * the payload. The in-flight ones (SENT: awaiting PUBACK or PUBREC;
 * RELEASED: PUBREL sent, awaiting PUBCOMP, payload dropped) always come
 * before the QUEUED ones, because records leave QUEUED in order. */
#include "broker_int.h"
#include "mqtt_codec.h"

#include <string.h>

enum { REC_QUEUED, REC_SENT, REC_RELEASED };

struct rec {
    uint8_t state, qos, retain, resend;
    uint16_t id, tlen;
    uint32_t plen;
};

static struct rec rec_get(const struct broker_session *ss, size_t off)
{
    struct rec h;
    memcpy(&h, ss->store + off, sizeof h);
    return h;
}

static void rec_put(struct broker_session *ss, size_t off, const struct rec *h)
{
    memcpy(ss->store + off, h, sizeof *h);
}

static size_t rec_size(const struct rec *h)
{
    return sizeof *h + h->tlen + h->plen;
}

/* Remove n bytes at off from the store. */
static void store_cut(struct broker_session *ss, size_t off, size_t n)
{
    memmove(ss->store + off, ss->store + off + n, ss->store_len - off - n);
    ss->store_len -= (uint32_t)n;
}

/* ---- the connection's queue ------------------------------------------------ */

static bool enqueue(struct broker *br, unsigned c, uint8_t byte0, const uint8_t *body, size_t len)
{
    struct broker_conn *cn = &br->conns[c];
    size_t n = mqtt_encode(byte0, body, len, cn->queue + cn->qlen, BROKER_QUEUE_SIZE - cn->qlen);
    cn->qlen += (uint32_t)n;
    return n != 0;
}

bool out_control(struct broker *br, unsigned c, uint8_t byte0, const uint8_t *body, size_t len)
{
    if (enqueue(br, c, byte0, body, len))
        return true;
    br->conns[c].overflow = true;
    return false;
}

void out_id(struct broker *br, unsigned c, uint8_t byte0, uint16_t id)
{
    uint8_t b[2] = { (uint8_t)(id >> 8), (uint8_t)id };
    out_control(br, c, byte0, b, 2);
}

/* Queue a PUBLISH for c; false if it does not fit (nothing queued). */
static bool out_publish(struct broker *br, unsigned c, const uint8_t *t, size_t tn, const uint8_t *p,
                        size_t pn, uint8_t qos, bool retain, bool dup, uint16_t id)
{
    struct mqtt_writer w;
    mqtt_writer_init(&w, br->body, sizeof br->body);
    mqtt_wstr(&w, t, (uint16_t)tn);
    if (qos)
        mqtt_w16(&w, id);
    mqtt_wraw(&w, p, pn);
    if (w.overflow)
        return false;
    uint8_t byte0 = (uint8_t)(MQTT_PUBLISH << 4 | (dup ? 8 : 0) | qos << 1 | (retain ? 1 : 0));
    return enqueue(br, c, byte0, br->body, w.len);
}

static void log_dropped(struct broker *br, unsigned s, const char *what)
{
    struct line l;
    line_start(&l);
    line_str(&l, what);
    const struct broker_session *ss = &br->sessions[s];
    if (ss->conn)
        line_client(&l, br, ss->conn);
    else
        line_bytes(&l, (const uint8_t *)ss->id, ss->id_len);
    line_emit(&l, br);
}

/* ---- the session's store ------------------------------------------------------ */

static bool id_in_use(const struct broker_session *ss, uint16_t id)
{
    for (size_t off = 0; off < ss->store_len;) {
        struct rec h = rec_get(ss, off);
        if (h.state != REC_QUEUED && h.id == id)
            return true;
        off += rec_size(&h);
    }
    return false;
}

static uint16_t new_id(struct broker_session *ss)
{
    do
        ss->next_id = (uint16_t)(ss->next_id == 0xffff ? 1 : ss->next_id + 1);
    while (id_in_use(ss, ss->next_id));
    return ss->next_id;
}

void out_pump(struct broker *br, unsigned s, unsigned caller)
{
    struct broker_session *ss = &br->sessions[s];
    unsigned c = ss->conn, inflight = 0;
    if (!c || br->conns[c].state != CONN_UP)
        return;
    uint32_t before = br->conns[c].qlen;
    for (size_t off = 0; off < ss->store_len;) {
        struct rec h = rec_get(ss, off);
        if (h.state != REC_QUEUED)
            inflight++;
        off += rec_size(&h);
    }
    for (size_t off = 0; off < ss->store_len;) {
        struct rec h = rec_get(ss, off);
        const uint8_t *t = ss->store + off + sizeof h;
        if (h.state == REC_QUEUED) {
            if (inflight >= BROKER_INFLIGHT)
                break;
            uint16_t id = new_id(ss);
            if (!out_publish(br, c, t, h.tlen, t + h.tlen, h.plen, h.qos, h.retain, false, id))
                break;
            h.state = REC_SENT;
            h.id = id;
            inflight++;
        } else if (h.resend) {
            uint8_t b[2] = { (uint8_t)(h.id >> 8), (uint8_t)h.id };
            bool ok = h.state == REC_SENT
                ? out_publish(br, c, t, h.tlen, t + h.tlen, h.plen, h.qos, h.retain, true, h.id)
                : enqueue(br, c, MQTT_PUBREL << 4 | 2, b, 2);
            if (!ok)
                break;
        }
        h.resend = 0;
        rec_put(ss, off, &h);
        off += rec_size(&h);
    }
    if (br->conns[c].qlen > before && c != caller && br->ops.notify)
        br->ops.notify(br->ops.ctx, c);
}

void deliver(struct broker *br, unsigned s, unsigned caller, const uint8_t *t, size_t tn,
             const uint8_t *p, size_t pn, uint8_t qos, bool retain)
{
    struct broker_session *ss = &br->sessions[s];
    unsigned c = ss->conn;
    if (qos == 0) {
        if (!c)
            return;             /* QoS 0 is not kept for an offline session */
        if (!out_publish(br, c, t, tn, p, pn, 0, retain, false, 0)) {
            log_dropped(br, s, "queue full, dropped a packet for ");
            return;
        }
        if (c != caller && br->ops.notify)
            br->ops.notify(br->ops.ctx, c);
        return;
    }
    struct rec h = { REC_QUEUED, qos, retain, 0, 0, (uint16_t)tn, (uint32_t)pn };
    if (rec_size(&h) > BROKER_STORE_SIZE - ss->store_len) {
        log_dropped(br, s, "session store full, dropped a message for ");
        return;
    }
    rec_put(ss, ss->store_len, &h);
    memcpy(ss->store + ss->store_len + sizeof h, t, tn);
    if (pn)
        memcpy(ss->store + ss->store_len + sizeof h + tn, p, pn);
    ss->store_len += (uint32_t)rec_size(&h);
    out_pump(br, s, caller);
}

void out_ack(struct broker *br, unsigned c, unsigned s, uint8_t type, uint16_t id)
{
    struct broker_session *ss = &br->sessions[s];
    for (size_t off = 0; off < ss->store_len;) {
        struct rec h = rec_get(ss, off);
        if (h.state == REC_QUEUED || h.id != id) {
            off += rec_size(&h);
            continue;
        }
        if ((type == MQTT_PUBACK && h.state == REC_SENT && h.qos == 1) ||
            (type == MQTT_PUBCOMP && h.state == REC_RELEASED)) {
            store_cut(ss, off, rec_size(&h));
        } else if (type == MQTT_PUBREC && h.qos == 2) {
            if (h.state == REC_SENT) {  /* the message is theirs: keep only the id */
                store_cut(ss, off + sizeof h, h.tlen + h.plen);
                h.state = REC_RELEASED;
                h.tlen = 0;
                h.plen = 0;
                rec_put(ss, off, &h);
            }
            out_id(br, c, MQTT_PUBREL << 4 | 2, id);
        }
        break;
    }
    out_pump(br, s, c);
}

void out_offline(struct broker *br, unsigned s)
{
    struct broker_session *ss = &br->sessions[s];
    for (size_t off = 0; off < ss->store_len;) {
        struct rec h = rec_get(ss, off);
        if (h.state != REC_QUEUED) {
            h.resend = 1;
            rec_put(ss, off, &h);
        }
        off += rec_size(&h);
    }
}

void out_clear(struct broker *br, unsigned s)
{
    br->sessions[s].store_len = 0;
}

unsigned out_count(const struct broker *br, unsigned s)
{
    const struct broker_session *ss = &br->sessions[s];
    unsigned n = 0;
    for (size_t off = 0; off < ss->store_len; n++) {
        struct rec h = rec_get(ss, off);
        off += rec_size(&h);
    }
    return n;
}

/* ---- what the transport takes ------------------------------------------------ */

static void after_take(struct broker *br, unsigned c)
{
    const struct broker_conn *cn = &br->conns[c];
    if (cn->state == CONN_UP && cn->session)
        out_pump(br, cn->session - 1u, 0);
}

size_t broker_take(struct broker *br, unsigned c, uint8_t *dst, size_t cap)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return 0;
    struct broker_conn *cn = &br->conns[c];
    size_t n = 0;
    struct mqtt_fixed h;
    /* whole packets only: the queue holds nothing else */
    while (n < cn->qlen && mqtt_frame(cn->queue + n, cn->qlen - n, &h) == MQTT_FRAME_OK &&
           h.hdr_len + h.remaining <= cap - n)
        n += h.hdr_len + h.remaining;
    if (n == 0)
        return 0;
    memcpy(dst, cn->queue, n);
    broker_consume(br, c, n);
    return n;
}

const uint8_t *broker_peek(const struct broker *br, unsigned c, size_t *len)
{
    *len = 0;
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return NULL;
    *len = br->conns[c].qlen;
    return br->conns[c].queue;
}

void broker_consume(struct broker *br, unsigned c, size_t n)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return;
    struct broker_conn *cn = &br->conns[c];
    if (n > cn->qlen)
        n = cn->qlen;
    memmove(cn->queue, cn->queue + n, cn->qlen - n);
    cn->qlen -= (uint32_t)n;
    after_take(br, c);
}
