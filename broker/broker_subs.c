/* broker/broker_subs.c - the subscription table: one entry per (session,
 * filter) with the granted QoS, at most BROKER_SESSION_SUBS per session,
 * and the match a PUBLISH's fan-out uses (one pass over the table). */
#include "broker_int.h"
#include "mqtt_topic.h"

#include <string.h>

bool broker_filter_ok(const uint8_t *f, size_t n)
{
    return n <= BROKER_TOPIC_MAX && mqtt_filter_valid(f, n);
}

static struct broker_sub *find(struct broker *br, unsigned s, const uint8_t *f, size_t n)
{
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++) {
        struct broker_sub *b = &br->subs[i];
        if (b->used && b->session == s && b->len == n && memcmp(b->filter, f, n) == 0)
            return b;
    }
    return NULL;
}

uint8_t subs_add(struct broker *br, unsigned c, unsigned s, const uint8_t *f, size_t n, uint8_t qos)
{
    struct line l;
    if (!broker_filter_ok(f, n)) {
        line_start(&l);
        line_client(&l, br, c);
        line_str(&l, " asked for an invalid filter ");
        line_bytes(&l, f, n < BROKER_TOPIC_MAX ? n : BROKER_TOPIC_MAX);
        line_emit(&l, br);
        return 0x80;
    }
    struct broker_session *ss = &br->sessions[s];
    struct broker_sub *b = find(br, s, f, n);
    for (size_t i = 0; !b && ss->nsubs < BROKER_SESSION_SUBS && i < BROKER_MAX_SUBS; i++) {
        if (!br->subs[i].used) {
            b = &br->subs[i];
            b->used = true;
            b->session = (uint16_t)s;
            b->len = (uint16_t)n;
            memcpy(b->filter, f, n);
            ss->nsubs++;
        }
    }
    line_start(&l);
    line_client(&l, br, c);
    if (!b) {
        line_str(&l, ss->nsubs < BROKER_SESSION_SUBS ? " refused: subscription table full, "
                                                     : " refused: too many subscriptions, ");
        line_bytes(&l, f, n);
        line_emit(&l, br);
        return 0x80;
    }
    b->qos = qos;
    line_str(&l, " subscribed to ");
    line_bytes(&l, f, n);
    line_str(&l, " (qos ");
    line_uint(&l, qos);
    line_str(&l, ")");
    line_emit(&l, br);
    return qos;
}

bool subs_remove(struct broker *br, unsigned s, const uint8_t *f, size_t n)
{
    struct broker_sub *b = find(br, s, f, n);
    if (!b)
        return false;
    b->used = false;
    br->sessions[s].nsubs--;
    return true;
}

void subs_drop(struct broker *br, unsigned s)
{
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++)
        if (br->subs[i].used && br->subs[i].session == s)
            br->subs[i].used = false;
    br->sessions[s].nsubs = 0;
}

void subs_match(struct broker *br, const uint8_t *t, size_t tn)
{
    memset(br->best, 0xff, sizeof br->best);
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++) {
        const struct broker_sub *b = &br->subs[i];
        uint8_t *best = &br->best[b->session];
        if (b->used && (*best == 0xff || b->qos > *best) && mqtt_topic_match(b->filter, b->len, t, tn))
            *best = b->qos;
    }
}
