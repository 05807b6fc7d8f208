/* broker/broker_int.h - what the parts of the broker's core share (not for
 * transports): log lines, the subscription table and the retained store. */
#ifndef BROKER_BROKER_INT_H
#define BROKER_BROKER_INT_H

#include "broker.h"

/* ---- log lines (broker_log.c): "broker: ..." built piece by piece ---- */
struct line {
    char buf[256];
    size_t n;
};
void line_start(struct line *l);                   /* "broker: " */
void line_client(struct line *l, const struct broker *br, unsigned c);
void line_str(struct line *l, const char *s);
void line_bytes(struct line *l, const uint8_t *p, size_t n);   /* non-printable as '.' */
void line_uint(struct line *l, unsigned long v);
void line_emit(struct line *l, const struct broker *br);

/* ---- subscriptions (broker_subs.c) ---- */
/* Add or update client c's subscription to f; returns the granted QoS
 * (0 or 1) or 0x80 (invalid filter, table full), and logs it. */
uint8_t subs_add(struct broker *br, unsigned c, const uint8_t *f, size_t n, uint8_t qos);
/* Remove client c's subscription to exactly f; false if it had none. */
bool subs_remove(struct broker *br, unsigned c, const uint8_t *f, size_t n);
/* Remove all of client c's subscriptions. */
void subs_drop(struct broker *br, unsigned c);
/* Highest QoS among client c's filters matching topic t, or -1. */
int subs_best(const struct broker *br, unsigned c, const uint8_t *t, size_t tn);

/* ---- retained messages (broker_retain.c) ---- */
/* Keep (t, payload) as t's retained message; an empty payload deletes it
 * (3.3.1.3). Too long a payload or a full store: not kept. */
void retain_store(struct broker *br, const uint8_t *t, size_t tn, const uint8_t *p, size_t pn, uint8_t qos);
/* Queue for client c (the caller) every retained message filter f
 * matches, at min(its QoS, granted), with RETAIN set (3.8.4). */
void retain_send(struct broker *br, unsigned c, const uint8_t *f, size_t fn, uint8_t granted);

/* ---- delivery (broker.c) ---- */
/* Queue a PUBLISH of (t, p) at qos for client c with RETAIN flag retain;
 * notify c unless it is the caller. */
void deliver(struct broker *br, unsigned c, unsigned caller, const uint8_t *t, size_t tn,
             const uint8_t *p, size_t pn, uint8_t qos, bool retain);

#endif
