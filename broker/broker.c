/* broker/broker.c - the core's entry points (broker.h): a connection's
 * input, packet by packet, and the control packets not handled elsewhere
 * (SUBSCRIBE, UNSUBSCRIBE, the acknowledgements, PINGREQ, DISCONNECT).
 * Every packet is decoded completely, with strict length checks, before
 * anything changes: a malformed packet has no effect, and the rest of its
 * message is ignored. CONNECT is in broker_conn.c, PUBLISH in
 * broker_pub.c, the output path in broker_out.c.
 */
#include "broker_int.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"

#include <string.h>

void broker_init(struct broker *br, const struct broker_ops *ops)
{
    memset(br, 0, sizeof *br);
    br->ops = *ops;
    br->connect_timeout_ms = BROKER_CONNECT_TIMEOUT_MS;
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

static void on_subscribe(struct broker *br, unsigned c, unsigned s, struct mqtt_reader *r)
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
        ack[2 + i] = subs_add(br, c, s, fs.f[i].p, fs.f[i].len, fs.qos[i]);
    out_control(br, c, MQTT_SUBSCRIBE << 4 | 0x10, ack, 2 + fs.n);     /* SUBACK 0x90 */
    /* retained messages come after the SUBACK (3.8.4) */
    for (size_t i = 0; i < fs.n; i++)
        if (ack[2 + i] != 0x80)
            retain_send(br, c, s, fs.f[i].p, fs.f[i].len, ack[2 + i]);
}

static void on_unsubscribe(struct broker *br, unsigned c, unsigned s, struct mqtt_reader *r)
{
    struct filters fs;
    uint16_t id = mqtt_r16(r);
    read_filters(r, &fs, false);
    if (id == 0)
        r->bad = true;
    if (r->bad)
        return;
    for (size_t i = 0; i < fs.n; i++) {
        if (!subs_remove(br, s, fs.f[i].p, fs.f[i].len))
            continue;
        struct line l;
        line_start(&l);
        line_client(&l, br, c);
        line_str(&l, " unsubscribed from ");
        line_bytes(&l, fs.f[i].p, fs.f[i].len);
        line_emit(&l, br);
    }
    out_id(br, c, MQTT_UNSUBACK << 4, id);
}

/* A packet whose body is exactly a non-zero packet id; 0 if malformed. */
static uint16_t read_id(struct mqtt_reader *r)
{
    uint16_t id = mqtt_r16(r);
    mqtt_rend(r);
    if (id == 0)
        r->bad = true;
    return r->bad ? 0 : id;
}

/* One packet (its fixed header h, its rest in r). */
static void on_packet(struct broker *br, unsigned c, const struct mqtt_fixed *h, struct mqtt_reader *r,
                      bool *refused)
{
    if (h->type == MQTT_CONNECT) {
        on_connect(br, c, r, refused);
        return;
    }
    struct broker_session *ss = conn_session(br, c);
    if (!ss) {
        r->bad = true;          /* anything before CONNECT (3.1.0-1) */
        return;
    }
    unsigned s = (unsigned)(ss - br->sessions);
    uint16_t id;
    switch (h->type) {
    case MQTT_PUBLISH:
        on_publish(br, c, h->flags, r);
        break;
    case MQTT_PUBACK:           /* acknowledgements of our deliveries */
    case MQTT_PUBREC:
    case MQTT_PUBCOMP:
        id = read_id(r);
        if (!r->bad)
            out_ack(br, c, s, h->type, id);
        break;
    case MQTT_PUBREL:           /* second half of an inbound QoS 2 PUBLISH */
        id = read_id(r);
        if (r->bad)
            break;
        for (size_t i = 0; i < BROKER_QOS2_MAX; i++)
            if (ss->qos2[i] == id)
                ss->qos2[i] = 0;
        out_id(br, c, MQTT_PUBCOMP << 4, id);   /* also for an id we do not hold (4.3.3) */
        break;
    case MQTT_SUBSCRIBE:
        on_subscribe(br, c, s, r);
        break;
    case MQTT_UNSUBSCRIBE:
        on_unsubscribe(br, c, s, r);
        break;
    case MQTT_PINGREQ:
        mqtt_rend(r);
        if (!r->bad)
            out_control(br, c, MQTT_PINGRESP << 4, NULL, 0);
        break;
    case MQTT_DISCONNECT:
        mqtt_rend(r);
        if (r->bad)
            break;
        broker_log_client(br, c, " disconnected");
        conn_end(br, c, false, false);          /* the will is dropped (3.14.4-3) */
        br->disconnects++;
        break;
    default: {                  /* a server's packet, or reserved */
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
    struct broker_conn *cn = &br->conns[c];
    if (cn->state == CONN_FREE)
        return BROKER_CLOSED;
    while (at < len) {
        struct mqtt_fixed h;
        struct mqtt_reader r;
        bool refused = false;
        if (mqtt_frame(msg + at, len - at, &h) != MQTT_FRAME_OK || !mqtt_flags_valid(h.byte0)) {
            res = BROKER_MALFORMED;
            break;
        }
        mqtt_reader_init(&r, msg + at + h.hdr_len, h.remaining);
        on_packet(br, c, &h, &r, &refused);
        cn->since_ms = br->now_ms;
        if (r.bad) {
            res = BROKER_MALFORMED;
            break;
        }
        if (refused) {          /* CONNACK with an error: then close (3.2.2-5) */
            conn_end(br, c, false, false);
            res = BROKER_CLOSED;
            break;
        }
        if (h.type == MQTT_DISCONNECT) {
            res = BROKER_DISCONNECTED;  /* nothing after DISCONNECT (3.14.4) */
            break;
        }
        if (cn->overflow) {
            broker_log_client(br, c, " does not read its output: queue full, closing");
            conn_end(br, c, true, false);
            res = BROKER_CLOSED;
            break;
        }
        at += h.hdr_len + h.remaining;
    }
    if (res == BROKER_MALFORMED)
        broker_log_client(br, c, " sent a malformed packet, ignoring the rest of its message");
    return res;
}

void broker_stats(const struct broker *br, struct broker_stats *st)
{
    memset(st, 0, sizeof *st);
    for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++) {
        const struct broker_conn *cn = &br->conns[c];
        st->conns += cn->state != CONN_FREE;
        st->wills += cn->state != CONN_FREE && cn->will;
        st->queued_bytes += cn->qlen;
    }
    for (unsigned s = 0; s < BROKER_MAX_SESSIONS; s++) {
        const struct broker_session *ss = &br->sessions[s];
        st->sessions += ss->used;
        st->stored_bytes += ss->store_len;
        st->stored_msgs += out_count(br, s);
    }
    for (unsigned i = 0; i < BROKER_MAX_SUBS; i++)
        st->subs += br->subs[i].used;
    for (unsigned i = 0; i < BROKER_MAX_RETAINED; i++) {
        const struct broker_retained *r = &br->retained[i];
        st->retained += r->used;
        st->retained_bytes += r->used ? r->topic_len + r->payload_len : 0;
    }
}
