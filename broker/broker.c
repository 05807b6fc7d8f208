/* broker/broker.c - the MQTT 3.1.1 control packets a client sends, and the
 * output queues (broker.h). Every packet is decoded completely, with
 * strict length checks, before anything changes: a malformed packet has no
 * effect, and the rest of its message is ignored.
 *
 * Handled: CONNECT/CONNACK, PUBLISH at QoS 0, 1 (PUBACK) and 2 (PUBREC,
 * then PUBREL/PUBCOMP; the message is delivered once, at PUBLISH),
 * SUBSCRIBE/SUBACK with '+' and '#' (granted QoS at most 1),
 * UNSUBSCRIBE/UNSUBACK, PINGREQ/PINGRESP, DISCONNECT, retained messages.
 * Every session is a clean one (DISCONNECT forgets its subscriptions).
 */
#include "broker_int.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"

#include <string.h>

void broker_init(struct broker *br, const struct broker_ops *ops)
{
    memset(br, 0, sizeof *br);
    br->ops = *ops;
}

/* ---- output ------------------------------------------------------------- */

static void log_dropped(struct broker *br, unsigned c)
{
    struct line l;
    line_start(&l);
    line_str(&l, "queue full, dropped a packet for ");
    line_client(&l, br, c);
    line_emit(&l, br);
}

/* Queue the packet byte0 + body for client c; false (and a line) if the
 * queue has no room: the packet is dropped. */
static bool queue(struct broker *br, unsigned c, uint8_t byte0, const uint8_t *body, size_t len)
{
    struct broker_client *cl = &br->clients[c];
    size_t n = mqtt_encode(byte0, body, len, cl->queue + cl->qlen, BROKER_QUEUE_SIZE - cl->qlen);
    if (n == 0) {
        log_dropped(br, c);
        return false;
    }
    cl->qlen = (uint16_t)(cl->qlen + n);
    return true;
}

/* A packet whose body is a packet id (PUBACK, PUBREC, PUBCOMP, UNSUBACK). */
static void queue_id(struct broker *br, unsigned c, uint8_t byte0, uint16_t id)
{
    uint8_t b[2] = { (uint8_t)(id >> 8), (uint8_t)id };
    queue(br, c, byte0, b, 2);
}

void deliver(struct broker *br, unsigned c, unsigned caller, const uint8_t *t, size_t tn,
             const uint8_t *p, size_t pn, uint8_t qos, bool retain)
{
    struct broker_client *cl = &br->clients[c];
    struct mqtt_writer w;
    mqtt_writer_init(&w, br->body, sizeof br->body);
    mqtt_wstr(&w, t, (uint16_t)tn);
    if (qos) {
        cl->last_id = (uint16_t)(cl->last_id == 0xffff ? 1 : cl->last_id + 1);
        mqtt_w16(&w, cl->last_id);
    }
    mqtt_wraw(&w, p, pn);
    if (w.overflow) {
        log_dropped(br, c);     /* larger than any queue */
        return;
    }
    uint8_t byte0 = (uint8_t)(MQTT_PUBLISH << 4 | qos << 1 | (retain ? 1 : 0));
    if (queue(br, c, byte0, br->body, w.len) && c != caller && br->ops.notify)
        br->ops.notify(br->ops.ctx, c);
}

size_t broker_take(struct broker *br, unsigned c, uint8_t *dst, size_t cap)
{
    struct broker_client *cl = &br->clients[c];
    size_t n = 0;
    struct mqtt_fixed h;
    /* whole packets only: the queue holds nothing else */
    while (n < cl->qlen && mqtt_frame(cl->queue + n, cl->qlen - n, &h) == MQTT_FRAME_OK &&
           h.hdr_len + h.remaining <= cap - n)
        n += h.hdr_len + h.remaining;
    memcpy(dst, cl->queue, n);
    memmove(cl->queue, cl->queue + n, cl->qlen - n);
    cl->qlen = (uint16_t)(cl->qlen - n);
    return n;
}

/* ---- the packets ------------------------------------------------------------
 * Each handler decodes its packet from r; if r->bad is set on return, the
 * packet was malformed and the handler changed nothing. */

static void on_connect(struct broker *br, unsigned c, struct mqtt_reader *r)
{
    struct broker_client *cl = &br->clients[c];
    struct mqtt_str proto = mqtt_rstr(r);
    uint8_t level = mqtt_r8(r);
    if (r->bad)
        return;
    uint8_t rc = 0;
    if (proto.len != 4 || memcmp(proto.p, "MQTT", 4) != 0 || level != 4) {
        rc = 1;                 /* unacceptable protocol version (3.1.2.2) */
        r->p = r->end;          /* the rest may be another protocol's */
    } else {
        uint8_t flags = mqtt_r8(r);
        (void)mqtt_r16(r);      /* keep alive: no timers over IPC */
        struct mqtt_str id = mqtt_rstr(r);
        uint8_t will_qos = (flags >> 3) & 3;
        if (flags & 0x04) {     /* will topic and message: read, not kept */
            (void)mqtt_rstr(r);
            (void)mqtt_rbin(r);
        }
        if (flags & 0x80)
            (void)mqtt_rstr(r); /* user name */
        if (flags & 0x40)
            (void)mqtt_rbin(r); /* password */
        mqtt_rend(r);
        if ((flags & 0x01) ||                               /* reserved (3.1.2-3) */
            will_qos == 3 ||                                /* 3.1.2-14 */
            (!(flags & 0x04) && (will_qos || (flags & 0x20))) ||   /* 3.1.2-11, -13, -15 */
            ((flags & 0x40) && !(flags & 0x80)) ||          /* password alone (3.1.2-22) */
            cl->connected)                                  /* a second CONNECT (3.1.0-2) */
            r->bad = true;
        if (r->bad)
            return;
        if (id.len == 0 && !(flags & 0x02))
            rc = 2;             /* identifier rejected (3.1.3-8) */
        if (rc == 0) {
            cl->connected = true;
            cl->id_len = (uint8_t)(id.len < BROKER_ID_MAX ? id.len : BROKER_ID_MAX);
            memcpy(cl->id, id.p, cl->id_len);
            cl->last_id = 0;
            memset(cl->qos2, 0, sizeof cl->qos2);
            struct line l;
            line_start(&l);
            line_client(&l, br, c);
            line_str(&l, " connected (");
            line_str(&l, br->ops.client_word ? br->ops.client_word : "client");
            line_str(&l, " ");
            line_uint(&l, c);
            line_str(&l, ")");
            line_emit(&l, br);
        }
    }
    uint8_t ack[2] = { 0, rc };     /* no session present */
    queue(br, c, MQTT_CONNACK << 4, ack, 2);
}

/* Inbound QoS 2: was packet id already received (and delivered)? If not
 * and remember, remember it. */
static bool qos2_seen(struct broker_client *cl, uint16_t id, bool remember)
{
    for (size_t i = 0; i < BROKER_QOS2_MAX; i++)
        if (cl->qos2[i] == id)
            return true;
    for (size_t i = 0; remember && i < BROKER_QOS2_MAX; i++)
        if (cl->qos2[i] == 0) {
            cl->qos2[i] = id;
            break;
        }
    return false;
}

static void on_publish(struct broker *br, unsigned c, uint8_t flags, struct mqtt_reader *r)
{
    uint8_t qos = (flags >> 1) & 3;
    struct mqtt_str t = mqtt_rstr(r);
    uint16_t id = qos ? mqtt_r16(r) : 0;
    size_t pn;
    const uint8_t *p = mqtt_rrest(r, &pn);
    if (qos && id == 0)
        r->bad = true;          /* packet ids are non-zero (2.3.1-1) */
    if ((flags & 0x08) && qos == 0)
        r->bad = true;          /* DUP at QoS 0 (3.3.1-2) */
    if (r->bad)
        return;
    if (t.len > BROKER_TOPIC_MAX || !mqtt_topic_valid(t.p, t.len)) {
        broker_log_client(br, c, " published to an invalid topic");
        return;
    }
    bool dup = false;
    if (qos == 1)
        queue_id(br, c, MQTT_PUBACK << 4, id);
    if (qos == 2) {
        dup = qos2_seen(&br->clients[c], id, true);
        queue_id(br, c, MQTT_PUBREC << 4, id);
    }
    if (dup)
        return;                 /* delivered when it first came */
    if (flags & 0x01)
        retain_store(br, t.p, t.len, p, pn, qos);
    unsigned n = 0;
    for (unsigned k = 1; k <= BROKER_MAX_CLIENTS; k++) {
        int best = subs_best(br, k, t.p, t.len);
        if (best < 0)
            continue;
        deliver(br, k, c, t.p, t.len, p, pn, (uint8_t)(best < qos ? best : qos), false);
        n++;
    }
    struct line l;
    line_start(&l);
    line_client(&l, br, c);
    line_str(&l, " published ");
    line_bytes(&l, t.p, t.len);
    line_str(&l, " (qos ");
    line_uint(&l, qos);
    line_str(&l, ") to ");
    line_uint(&l, n);
    line_str(&l, " subscribers");
    line_emit(&l, br);
}

/* The filters of a SUBSCRIBE or UNSUBSCRIBE, decoded before any is acted on. */
struct filters {
    size_t n;
    struct mqtt_str f[BROKER_FILTERS_MAX];
    uint8_t qos[BROKER_FILTERS_MAX];
};

static void read_filters(struct mqtt_reader *r, struct filters *fs, bool with_qos)
{
    fs->n = 0;
    while (!r->bad && mqtt_left(r) > 0) {
        if (fs->n == BROKER_FILTERS_MAX) {
            r->bad = true;      /* more than we take in one packet */
            break;
        }
        fs->f[fs->n] = mqtt_rstr(r);
        fs->qos[fs->n] = with_qos ? mqtt_r8(r) : 0;
        if (fs->qos[fs->n] > 2)
            r->bad = true;      /* reserved bits or QoS 3 (3.8.3-4) */
        fs->n++;
    }
    if (fs->n == 0)
        r->bad = true;          /* at least one filter (3.8.3-3, 3.10.3-2) */
}

static void on_subscribe(struct broker *br, unsigned c, struct mqtt_reader *r)
{
    struct filters fs;
    uint16_t id = mqtt_r16(r);
    read_filters(r, &fs, true);
    if (id == 0)
        r->bad = true;
    if (r->bad)
        return;
    uint8_t ack[2 + BROKER_FILTERS_MAX] = { (uint8_t)(id >> 8), (uint8_t)id };
    for (size_t i = 0; i < fs.n; i++)
        ack[2 + i] = subs_add(br, c, fs.f[i].p, fs.f[i].len, fs.qos[i]);
    queue(br, c, MQTT_SUBSCRIBE << 4 | 0x10, ack, 2 + fs.n);    /* SUBACK 0x90 */
    /* retained messages come after the SUBACK (3.8.4) */
    for (size_t i = 0; i < fs.n; i++)
        if (ack[2 + i] != 0x80)
            retain_send(br, c, fs.f[i].p, fs.f[i].len, ack[2 + i]);
}

static void on_unsubscribe(struct broker *br, unsigned c, struct mqtt_reader *r)
{
    struct filters fs;
    uint16_t id = mqtt_r16(r);
    read_filters(r, &fs, false);
    if (id == 0)
        r->bad = true;
    if (r->bad)
        return;
    for (size_t i = 0; i < fs.n; i++) {
        if (!subs_remove(br, c, fs.f[i].p, fs.f[i].len))
            continue;
        struct line l;
        line_start(&l);
        line_client(&l, br, c);
        line_str(&l, " unsubscribed from ");
        line_bytes(&l, fs.f[i].p, fs.f[i].len);
        line_emit(&l, br);
    }
    queue_id(br, c, MQTT_UNSUBACK << 4, id);
}

static void on_disconnect(struct broker *br, unsigned c)
{
    struct broker_client *cl = &br->clients[c];
    broker_log_client(br, c, " disconnected");
    subs_drop(br, c);
    cl->connected = false;
    memset(cl->qos2, 0, sizeof cl->qos2);
    br->disconnects++;
}

/* One packet (its fixed header h, its rest in r). */
static void on_packet(struct broker *br, unsigned c, const struct mqtt_fixed *h, struct mqtt_reader *r)
{
    struct broker_client *cl = &br->clients[c];
    if (h->type == MQTT_CONNECT) {
        on_connect(br, c, r);
        return;
    }
    if (!cl->connected) {
        r->bad = true;          /* anything before CONNECT (3.1.0-1) */
        return;
    }
    uint16_t id;
    switch (h->type) {
    case MQTT_PUBLISH:
        on_publish(br, c, h->flags, r);
        break;
    case MQTT_PUBACK:           /* for a QoS 1 delivery: IPC loses nothing, */
        (void)mqtt_r16(r);      /* so there is nothing to retransmit */
        mqtt_rend(r);
        break;
    case MQTT_PUBREL:           /* second half of an inbound QoS 2 PUBLISH */
        id = mqtt_r16(r);
        mqtt_rend(r);
        if (r->bad)
            break;
        for (size_t i = 0; i < BROKER_QOS2_MAX; i++)
            if (cl->qos2[i] == id)
                cl->qos2[i] = 0;
        queue_id(br, c, MQTT_PUBCOMP << 4, id);
        break;
    case MQTT_SUBSCRIBE:
        on_subscribe(br, c, r);
        break;
    case MQTT_UNSUBSCRIBE:
        on_unsubscribe(br, c, r);
        break;
    case MQTT_PINGREQ:
        mqtt_rend(r);
        if (!r->bad)
            queue(br, c, MQTT_PINGRESP << 4, NULL, 0);
        break;
    case MQTT_DISCONNECT:
        mqtt_rend(r);
        if (!r->bad)
            on_disconnect(br, c);
        break;
    default: {                  /* a server's packet, PUBREC/PUBCOMP, or reserved */
        struct line l;
        line_start(&l);
        line_client(&l, br, c);
        line_str(&l, " sent packet type ");
        line_uint(&l, h->type);
        line_emit(&l, br);
        break;
    }
    }
}

enum broker_result broker_input(struct broker *br, unsigned c, const uint8_t *msg, size_t len)
{
    enum broker_result res = BROKER_OK;
    size_t at = 0;
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return BROKER_MALFORMED;
    while (at < len) {
        struct mqtt_fixed h;
        struct mqtt_reader r;
        if (mqtt_frame(msg + at, len - at, &h) != MQTT_FRAME_OK || !mqtt_flags_valid(h.byte0)) {
            res = BROKER_MALFORMED;
            break;
        }
        mqtt_reader_init(&r, msg + at + h.hdr_len, h.remaining);
        on_packet(br, c, &h, &r);
        if (r.bad) {
            res = BROKER_MALFORMED;
            break;
        }
        if (h.type == MQTT_DISCONNECT) {
            res = BROKER_DISCONNECTED;  /* nothing after DISCONNECT (3.14.4) */
            break;
        }
        at += h.hdr_len + h.remaining;
    }
    if (res == BROKER_MALFORMED)
        broker_log_client(br, c, " sent a malformed packet, ignoring the rest of its message");
    return res;
}
