/* broker/broker_int.h - what the parts of the broker's core share (not for
 * transports): log lines, the subscription table, the retained store,
 * sessions and the output path. */
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

/* The session of connection c, or NULL (not connected). */
struct broker_session *conn_session(struct broker *br, unsigned c);

/* ---- subscriptions (broker_subs.c); s is a session index ---- */
/* Add or update session s's subscription to f; returns the granted QoS
 * (0..2) or 0x80 (invalid filter, table full), and logs it for c. */
uint8_t subs_add(struct broker *br, unsigned c, unsigned s, const uint8_t *f, size_t n, uint8_t qos);
/* Remove session s's subscription to exactly f; false if it had none. */
bool subs_remove(struct broker *br, unsigned s, const uint8_t *f, size_t n);
/* Remove all of session s's subscriptions. */
void subs_drop(struct broker *br, unsigned s);
/* Fill br->best: for each session, the highest QoS among its filters
 * matching topic t, or 0xff. */
void subs_match(struct broker *br, const uint8_t *t, size_t tn);

/* ---- retained messages (broker_retain.c) ---- */
/* Keep (t, payload) as t's retained message; an empty payload deletes it
 * (3.3.1.3). Too long a payload or a full store: not kept (a line). */
void retain_store(struct broker *br, const uint8_t *t, size_t tn, const uint8_t *p, size_t pn, uint8_t qos);
/* Deliver to session s every retained message filter f matches, at
 * min(its QoS, granted), with RETAIN set (3.8.4). */
void retain_send(struct broker *br, unsigned caller, unsigned s, const uint8_t *f, size_t fn, uint8_t granted);

/* ---- output (broker_out.c) ---- */
/* Queue the packet byte0 + body for connection c: false if it does not
 * fit (then c is marked overflow: it does not read its output). */
bool out_control(struct broker *br, unsigned c, uint8_t byte0, const uint8_t *body, size_t len);
/* A packet whose body is a packet id (PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK). */
void out_id(struct broker *br, unsigned c, uint8_t byte0, uint16_t id);
/* Deliver (t, p) at qos to session s with RETAIN flag retain: QoS 0 goes
 * to its connection's queue (dropped if full or offline), QoS 1/2 to its
 * store, then out as the in-flight window allows. Notifies its connection
 * unless it is caller. */
void deliver(struct broker *br, unsigned s, unsigned caller, const uint8_t *t, size_t tn,
             const uint8_t *p, size_t pn, uint8_t qos, bool retain);
/* Queue what session s's store may send now (resends first); notify its
 * connection unless it is caller and something was queued. */
void out_pump(struct broker *br, unsigned s, unsigned caller);
/* An acknowledgement from session s: PUBACK, PUBREC or PUBCOMP (type) for id. */
void out_ack(struct broker *br, unsigned c, unsigned s, uint8_t type, uint16_t id);
/* Session s lost its connection: what was sent must be sent again (DUP). */
void out_offline(struct broker *br, unsigned s);
/* Forget session s's held messages. */
void out_clear(struct broker *br, unsigned s);
/* Held messages of session s and their bytes (for broker_stats). */
unsigned out_count(const struct broker *br, unsigned s);

/* ---- publishing (broker_pub.c) ---- */
/* Fan (t, p) out to every matching session at min(qos, granted); returns
 * the number of sessions it matched. */
unsigned publish(struct broker *br, unsigned caller, const uint8_t *t, size_t tn,
                 const uint8_t *p, size_t pn, uint8_t qos, bool retain);
struct mqtt_reader;
void on_publish(struct broker *br, unsigned c, uint8_t flags, struct mqtt_reader *r);

/* ---- connections and sessions (broker_conn.c) ---- */
void on_connect(struct broker *br, unsigned c, struct mqtt_reader *r, bool *refused);
/* End connection c: publish its will if will, detach (or drop) its
 * session, free it; call ops.close if tell. */
void conn_end(struct broker *br, unsigned c, bool will, bool tell);

#endif
