/* broker/broker_conn.c - connections and sessions: CONNECT (3.1) with its
 * checks, finding, resuming or replacing a client's session (clean session
 * 0 keeps subscriptions, held messages and inbound QoS 2 state across
 * connections), client-id takeover (the older connection is closed), the
 * last will, the end of a connection, and the timeouts (keep-alive times
 * 1.5, CONNECT within connect_timeout_ms). */
#include "broker_int.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"

#include <string.h>

struct broker_session *conn_session(struct broker *br, unsigned c)
{
    const struct broker_conn *cn = &br->conns[c];
    return cn->state == CONN_UP && cn->session ? &br->sessions[cn->session - 1] : NULL;
}

static int session_find(const struct broker *br, const uint8_t *id, size_t n)
{
    for (int s = 0; n && s < BROKER_MAX_SESSIONS; s++) {
        const struct broker_session *ss = &br->sessions[s];
        if (ss->used && ss->id_len == n && memcmp(ss->id, id, n) == 0)
            return s;
    }
    return -1;
}

static int session_free_slot(const struct broker *br)
{
    for (int s = 0; s < BROKER_MAX_SESSIONS; s++)
        if (!br->sessions[s].used)
            return s;
    return -1;
}

static void session_free(struct broker *br, unsigned s)
{
    subs_drop(br, s);
    out_clear(br, s);
    memset(&br->sessions[s], 0, offsetof(struct broker_session, store));
}

void broker_open(struct broker *br, unsigned c)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS || br->conns[c].state != CONN_FREE)
        return;
    struct broker_conn *cn = &br->conns[c];
    memset(cn, 0, offsetof(struct broker_conn, will_topic));
    cn->state = CONN_OPEN;
    cn->since_ms = br->now_ms;
}

bool broker_is_open(const struct broker *br, unsigned c)
{
    return c > 0 && c <= BROKER_MAX_CLIENTS && br->conns[c].state != CONN_FREE;
}

void conn_end(struct broker *br, unsigned c, bool will, bool tell)
{
    struct broker_conn *cn = &br->conns[c];
    if (cn->state == CONN_FREE)
        return;
    bool up = cn->state == CONN_UP;
    struct line l;
    line_start(&l);
    line_client(&l, br, c);
    unsigned s = cn->session;
    cn->state = CONN_FREE;          /* first: anything called below sees it gone */
    cn->session = 0;
    if (s) {
        struct broker_session *ss = &br->sessions[s - 1];
        ss->conn = 0;
        if (ss->clean)
            session_free(br, s - 1);
        else
            out_offline(br, s - 1);
    }
    if (up && will && cn->will) {
        unsigned n = publish(br, 0, cn->will_topic, cn->will_tlen, cn->will_payload, cn->will_plen,
                             cn->will_qos, cn->will_retain);
        line_str(&l, "'s will published to ");
        line_bytes(&l, cn->will_topic, cn->will_tlen);
        line_str(&l, " (");
        line_uint(&l, n);
        line_str(&l, " subscribers)");
        line_emit(&l, br);
    }
    cn->will = false;
    cn->overflow = false;
    if (tell) {
        cn->qlen = 0;
        if (br->ops.close)
            br->ops.close(br->ops.ctx, c);
    }
}

void broker_close(struct broker *br, unsigned c)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return;
    if (br->conns[c].state == CONN_UP)
        broker_log_client(br, c, " connection lost");
    conn_end(br, c, true, false);
    br->conns[c].qlen = 0;          /* what was not sent never will be */
}

void broker_tick(struct broker *br, uint64_t now_ms)
{
    br->now_ms = now_ms;
    for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++) {
        const struct broker_conn *cn = &br->conns[c];
        uint64_t quiet = now_ms - cn->since_ms;
        if (cn->state == CONN_OPEN && quiet > br->connect_timeout_ms) {
            broker_log_client(br, c, " sent no CONNECT in time, closing");
            conn_end(br, c, false, true);
        } else if (cn->state == CONN_UP && cn->keepalive && quiet > cn->keepalive * 1500ull) {
            broker_log_client(br, c, " keep-alive expired, closing");
            conn_end(br, c, true, true);
        }
    }
}

/* Log "NAME connected (badge N)" and what became of its session. */
static void log_connected(struct broker *br, unsigned c, bool present)
{
    struct line l;
    line_start(&l);
    line_client(&l, br, c);
    line_str(&l, " connected (");
    line_str(&l, br->ops.client_word ? br->ops.client_word : "client");
    line_str(&l, " ");
    line_uint(&l, c);
    line_str(&l, ")");
    line_emit(&l, br);
    if (present)
        broker_log_client(br, c, " resumed its session");
}

void on_connect(struct broker *br, unsigned c, struct mqtt_reader *r, bool *refused)
{
    struct broker_conn *cn = &br->conns[c];
    struct mqtt_str proto = mqtt_rstr(r), id = { 0, 0 }, wt = { 0, 0 }, wp = { 0, 0 };
    uint8_t level = mqtt_r8(r), flags = 0;
    uint16_t keepalive = 0;
    int s = -1;
    if (cn->state == CONN_UP)
        r->bad = true;          /* a second CONNECT (3.1.0-2) */
    if (r->bad)
        return;
    uint8_t rc = 0;
    if (proto.len != 4 || memcmp(proto.p, "MQTT", 4) != 0 || level != 4) {
        rc = 1;                 /* unacceptable protocol version (3.1.2.2) */
        r->p = r->end;          /* the rest may be another protocol's */
    } else {
        flags = mqtt_r8(r);
        keepalive = mqtt_r16(r);
        id = mqtt_rstr(r);
        if (flags & 0x04) {     /* will topic and message */
            wt = mqtt_rstr(r);
            wp = mqtt_rbin(r);
        }
        if (flags & 0x80)
            (void)mqtt_rstr(r); /* user name: read, not used */
        if (flags & 0x40)
            (void)mqtt_rbin(r); /* password: read, not used */
        mqtt_rend(r);
        uint8_t will_qos = (flags >> 3) & 3;
        if ((flags & 0x01) ||                               /* reserved (3.1.2-3) */
            will_qos == 3 ||                                /* 3.1.2-14 */
            (!(flags & 0x04) && (will_qos || (flags & 0x20))) ||   /* 3.1.2-11, -13, -15 */
            ((flags & 0x40) && !(flags & 0x80)) ||          /* password alone (3.1.2-22) */
            ((flags & 0x04) && !mqtt_topic_valid(wt.p, wt.len)))   /* will topic: a name (3.1.3.2) */
            r->bad = true;
        if (r->bad)
            return;
        bool clean = flags & 0x02;
        if ((id.len == 0 && !clean) || id.len > BROKER_ID_MAX) {
            rc = 2;             /* identifier rejected (3.1.3-8) */
        } else if ((flags & 0x04) && (wt.len > BROKER_TOPIC_MAX || wp.len > BROKER_RETAIN_PAYLOAD)) {
            broker_log_client(br, c, " sent a will longer than we keep");
            rc = 3;             /* server unavailable: nothing closer in 3.1.1 */
        } else {
            s = session_find(br, id.p, id.len);
            if (s < 0 && (s = session_free_slot(br)) < 0) {
                broker_log_client(br, c, " refused: session table full");
                rc = 3;
            }
        }
    }
    if (rc || s < 0) {          /* s < 0 only with an rc: said for the analyzers */
        uint8_t ack[2] = { 0, rc };
        out_control(br, c, MQTT_CONNACK << 4, ack, 2);
        *refused = true;
        return;
    }
    /* checked: now act */
    bool clean = flags & 0x02, present = false;
    struct broker_session *ss = &br->sessions[s];
    if (ss->used && ss->conn) {     /* takeover (3.1.4-2): the older connection goes */
        struct line l;
        line_start(&l);
        line_client(&l, br, ss->conn);
        line_str(&l, " (");
        line_str(&l, br->ops.client_word ? br->ops.client_word : "client");
        line_str(&l, " ");
        line_uint(&l, ss->conn);
        line_str(&l, ") taken over by a new connection");
        line_emit(&l, br);
        conn_end(br, ss->conn, true, true);
    }
    if (ss->used && clean)
        session_free(br, (unsigned)s);      /* clean: start afresh (3.1.2-6) */
    if (ss->used) {
        present = true;
    } else {
        ss->used = true;
        ss->id_len = (uint8_t)id.len;
        memcpy(ss->id, id.p, id.len);
    }
    ss->clean = clean;
    ss->conn = (uint16_t)c;
    cn->state = CONN_UP;
    cn->session = (uint16_t)(s + 1);
    cn->keepalive = keepalive;
    cn->will = flags & 0x04;
    if (cn->will) {
        cn->will_qos = (flags >> 3) & 3;
        cn->will_retain = flags & 0x20;
        cn->will_tlen = wt.len;
        cn->will_plen = wp.len;
        memcpy(cn->will_topic, wt.p, wt.len);
        if (wp.len)
            memcpy(cn->will_payload, wp.p, wp.len);
    }
    log_connected(br, c, present);
    uint8_t ack[2] = { present, 0 };
    out_control(br, c, MQTT_CONNACK << 4, ack, 2);
    if (present)
        out_pump(br, (unsigned)s, c);   /* what was in flight, again, then what waits */
}
