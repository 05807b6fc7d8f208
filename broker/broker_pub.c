/* broker/broker_pub.c - PUBLISH from a client (3.3) at QoS 0, 1 (PUBACK)
 * and 2 (PUBREC; delivered once, at the first PUBLISH of its packet id,
 * PUBCOMP on PUBREL: the id is remembered in the session, so a client that
 * reconnects to its kept session and sends the PUBLISH again with DUP
 * does not get it delivered twice, 4.3.3), and the fan-out to matching
 * sessions that wills and retained messages use too. */
#include "broker_int.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"

unsigned publish(struct broker *br, unsigned caller, const uint8_t *t, size_t tn,
                 const uint8_t *p, size_t pn, uint8_t qos, bool retain)
{
    if (retain)
        retain_store(br, t, tn, p, pn, qos);
    subs_match(br, t, tn);
    unsigned n = 0;
    for (unsigned s = 0; s < BROKER_MAX_SESSIONS; s++) {
        uint8_t best = br->best[s];
        if (best == 0xff)
            continue;
        deliver(br, s, caller, t, tn, p, pn, best < qos ? best : qos, false);
        n++;
    }
    return n;
}

/* Inbound QoS 2: the slot of id, or of a free entry (*seen false), or -1. */
static int qos2_slot(const struct broker_session *ss, uint16_t id, bool *seen)
{
    int free_slot = -1;
    for (int i = 0; i < BROKER_QOS2_MAX; i++) {
        if (ss->qos2[i] == id) {
            *seen = true;
            return i;
        }
        if (ss->qos2[i] == 0 && free_slot < 0)
            free_slot = i;
    }
    *seen = false;
    return free_slot;
}

void on_publish(struct broker *br, unsigned c, uint8_t flags, struct mqtt_reader *r)
{
    struct broker_session *ss = conn_session(br, c);
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
    if (!mqtt_topic_valid(t.p, t.len) || t.len > BROKER_TOPIC_MAX) {
        /* wildcards or empty (3.3.2-2, 4.7.3-1); longer than we route */
        broker_log_client(br, c, t.len > BROKER_TOPIC_MAX ? " published to a topic longer than we route"
                                                          : " published to an invalid topic");
        r->bad = true;
        return;
    }
    bool dup = false;
    int slot = qos == 2 ? qos2_slot(ss, id, &dup) : 0;
    if (slot < 0) {
        broker_log_client(br, c, " has too many QoS 2 messages awaiting PUBREL");
        r->bad = true;
        return;
    }
    if (qos == 1)
        out_id(br, c, MQTT_PUBACK << 4, id);
    if (qos == 2) {
        ss->qos2[slot] = id;
        out_id(br, c, MQTT_PUBREC << 4, id);
    }
    if (dup)
        return;                 /* delivered when it first came */
    unsigned n = publish(br, c, t.p, t.len, p, pn, qos, flags & 0x01);
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
