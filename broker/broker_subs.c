/* broker/broker_subs.c - the subscription table: one entry per (client,
 * filter), the granted QoS, and the lookup a PUBLISH's fan-out uses. */
#include "broker_int.h"
#include "mqtt_topic.h"

#include <string.h>

bool broker_filter_ok(const uint8_t *f, size_t n)
{
    return n <= BROKER_TOPIC_MAX && mqtt_filter_valid(f, n);
}

static struct broker_sub *find(struct broker *br, unsigned c, const uint8_t *f, size_t n)
{
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++) {
        struct broker_sub *s = &br->subs[i];
        if (s->used && s->client == c && s->len == n && memcmp(s->filter, f, n) == 0)
            return s;
    }
    return NULL;
}

uint8_t subs_add(struct broker *br, unsigned c, const uint8_t *f, size_t n, uint8_t qos)
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
    /* QoS 0 and 1 out; a request for 2 is granted 1 (allowed by 3.8.4) */
    if (qos > 1)
        qos = 1;
    struct broker_sub *s = find(br, c, f, n);
    for (size_t i = 0; !s && i < BROKER_MAX_SUBS; i++) {
        if (!br->subs[i].used) {
            s = &br->subs[i];
            s->used = true;
            s->client = (uint8_t)c;
            s->len = (uint8_t)n;
            memcpy(s->filter, f, n);
        }
    }
    line_start(&l);
    line_client(&l, br, c);
    if (!s) {
        line_str(&l, " refused: subscription table full, ");
        line_bytes(&l, f, n);
        line_emit(&l, br);
        return 0x80;
    }
    s->qos = qos;
    line_str(&l, " subscribed to ");
    line_bytes(&l, f, n);
    line_str(&l, " (qos ");
    line_uint(&l, qos);
    line_str(&l, ")");
    line_emit(&l, br);
    return qos;
}

bool subs_remove(struct broker *br, unsigned c, const uint8_t *f, size_t n)
{
    struct broker_sub *s = find(br, c, f, n);
    if (s)
        s->used = false;
    return s != NULL;
}

void subs_drop(struct broker *br, unsigned c)
{
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++)
        if (br->subs[i].client == c)
            br->subs[i].used = false;
}

int subs_best(const struct broker *br, unsigned c, const uint8_t *t, size_t tn)
{
    int best = -1;
    for (size_t i = 0; i < BROKER_MAX_SUBS; i++) {
        const struct broker_sub *s = &br->subs[i];
        if (s->used && s->client == c && (int)s->qos > best &&
            mqtt_topic_match(s->filter, s->len, t, tn))
            best = s->qos;
    }
    return best;
}
