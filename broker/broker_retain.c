/* broker/broker_retain.c - retained messages: at most one per topic, kept
 * from a PUBLISH with RETAIN set, deleted by an empty one, and delivered to
 * each new matching subscription (MQTT 3.1.1, 3.3.1.3). */
#include "broker_int.h"
#include "mqtt_topic.h"

#include <string.h>

void retain_store(struct broker *br, const uint8_t *t, size_t tn, const uint8_t *p, size_t pn, uint8_t qos)
{
    struct broker_retained *slot = NULL;
    if (tn > BROKER_TOPIC_MAX)
        return;
    for (size_t i = 0; i < BROKER_MAX_RETAINED; i++) {
        struct broker_retained *r = &br->retained[i];
        if (r->used && r->topic_len == tn && memcmp(r->topic, t, tn) == 0) {
            slot = r;
            break;
        }
        if (!r->used && !slot)
            slot = r;
    }
    if (pn == 0) {
        if (slot)
            slot->used = false;
        return;
    }
    if (!slot || pn > BROKER_RETAIN_PAYLOAD) {
        struct line l;
        if (slot)
            slot->used = false;     /* the older one is no longer the last */
        line_start(&l);
        line_str(&l, pn > BROKER_RETAIN_PAYLOAD ? "retained message too long, not kept: "
                                                : "retained store full, not kept: ");
        line_bytes(&l, t, tn);
        line_emit(&l, br);
        return;
    }
    slot->used = true;
    slot->qos = qos;
    slot->topic_len = (uint16_t)tn;
    slot->payload_len = (uint16_t)pn;
    memcpy(slot->topic, t, tn);
    memcpy(slot->payload, p, pn);
}

void retain_send(struct broker *br, unsigned caller, unsigned s, const uint8_t *f, size_t fn, uint8_t granted)
{
    for (size_t i = 0; i < BROKER_MAX_RETAINED; i++) {
        const struct broker_retained *r = &br->retained[i];
        if (r->used && mqtt_topic_match(f, fn, r->topic, r->topic_len))
            deliver(br, s, caller, r->topic, r->topic_len, r->payload, r->payload_len,
                    r->qos < granted ? r->qos : granted, true);
    }
}
