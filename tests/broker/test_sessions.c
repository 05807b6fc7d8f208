/* tests/broker/test_sessions.c - host tests of the broker's sessions and
 * connections (broker_conn.c, broker_out.c) and of the stream transport's
 * framing (stream.c): kept sessions with held and resent messages, QoS 2
 * exactly once across a reconnect, wills, takeover, client-id rules,
 * keep-alive and CONNECT timeouts, the in-flight window, limits, counters
 * back to zero, and byte streams cut anywhere. Part of suites broker and
 * broker-san (test_broker.c holds main and the shared helpers). */
#include <stdlib.h>
#include <string.h>

#include "stream.h"
#include "test_broker.h"

/* ---- packet builders ------------------------------------------------------ */
struct pkt {
    uint8_t b[1400];
    size_t n;
};

static void p8(struct pkt *p, uint8_t v) { p->b[p->n++] = v; }
static void p16(struct pkt *p, uint16_t v) { p8(p, (uint8_t)(v >> 8)); p8(p, (uint8_t)v); }
static void praw(struct pkt *p, const char *s, size_t n) { memcpy(p->b + p->n, s, n); p->n += n; }
static void pstr(struct pkt *p, const char *s) { p16(p, (uint16_t)strlen(s)); praw(p, s, strlen(s)); }

/* byte0 + remaining length + body (the body built in q) */
static struct pkt frame_of(uint8_t byte0, const struct pkt *q)
{
    struct pkt p = { .n = 0 };
    p8(&p, byte0);
    size_t rl = q->n;
    do {
        uint8_t d = rl & 0x7f;
        rl >>= 7;
        p8(&p, (uint8_t)(d | (rl ? 0x80 : 0)));
    } while (rl);
    praw(&p, (const char *)q->b, q->n);
    return p;
}

#define CLEAN 0x02
static struct pkt connect_pkt(const char *id, uint8_t flags, uint16_t ka, const char *wt, const char *wm)
{
    struct pkt q = { .n = 0 };
    pstr(&q, "MQTT");
    p8(&q, 4);
    p8(&q, (uint8_t)(flags | (wt ? 0x04 : 0)));
    p16(&q, ka);
    pstr(&q, id);
    if (wt && wm) {
        pstr(&q, wt);
        pstr(&q, wm);
    }
    return frame_of(0x10, &q);
}

static struct pkt publish_pkt(uint8_t byte0, const char *t, uint16_t id, const char *payload)
{
    struct pkt q = { .n = 0 };
    pstr(&q, t);
    if (byte0 & 0x06)
        p16(&q, id);
    praw(&q, payload, strlen(payload));
    return frame_of(byte0, &q);
}

static enum broker_result send_pkt(unsigned c, struct pkt p)
{
    return in(c, (const char *)p.b, p.n);
}

static enum broker_result conn(unsigned c, const char *id, uint8_t flags, uint16_t ka, const char *wt,
                               const char *wm)
{
    return send_pkt(c, connect_pkt(id, flags, ka, wt, wm));
}

static enum broker_result pub(unsigned c, uint8_t byte0, const char *t, uint16_t id, const char *payload)
{
    return send_pkt(c, publish_pkt(byte0, t, id, payload));
}

static enum broker_result sub(unsigned c, uint16_t id, const char *f, uint8_t qos)
{
    struct pkt q = { .n = 0 };
    p16(&q, id);
    pstr(&q, f);
    p8(&q, qos);
    return send_pkt(c, frame_of(0x82, &q));
}

static enum broker_result ack(unsigned c, uint8_t byte0, uint16_t id)
{
    struct pkt q = { .n = 0 };
    p16(&q, id);
    return send_pkt(c, frame_of(byte0, &q));
}

/* The hex of a packet, in one of four rotating buffers. */
static const char *hex(struct pkt p)
{
    static char bufs[4][2 * sizeof p.b + 1];
    static int k;
    char *h = bufs[k++ % 4];
    for (size_t i = 0; i < p.n; i++)
        sprintf(h + 2 * i, "%02x", p.b[i]);
    h[2 * p.n] = 0;
    return h;
}

static const char *hpub(uint8_t byte0, const char *t, uint16_t id, const char *payload)
{
    return hex(publish_pkt(byte0, t, id, payload));
}

/* out(c) equals the concatenation of up to three expected hex strings */
static bool out_is(unsigned c, const char *a, const char *b, const char *d)
{
    char want[4096];
    snprintf(want, sizeof want, "%s%s%s", a, b ? b : "", d ? d : "");
    const char *got = out(c);
    if (strcmp(got, want) != 0) {
        printf("    out(%u) = %s\n    want   %s\n", c, got, want);
        return false;
    }
    return true;
}

static struct broker_stats stats(void)
{
    struct broker_stats s;
    broker_stats(&br, &s);
    return s;
}

/* ---- kept sessions ----------------------------------------------------------- */
void test_persist(void)
{
    reset();
    CHECK(conn(1, "sub", 0, 60, NULL, NULL) == BROKER_OK && out_is(1, "20020000", NULL, NULL));
    CHECK(sub(1, 1, "p/#", 2) == BROKER_OK && out_is(1, "9003000102", NULL, NULL));
    conn(2, "pub", CLEAN, 60, NULL, NULL);
    out(2);
    /* one QoS 1 and one QoS 2 delivery in flight; the QoS 2 one is PUBRECed */
    pub(2, 0x32, "p/a", 1, "one");
    pub(2, 0x34, "p/b", 2, "two");
    CHECK(out_is(1, hpub(0x32, "p/a", 1, "one"), hpub(0x34, "p/b", 2, "two"), NULL));
    CHECK(ack(1, 0x50, 2) == BROKER_OK && out_is(1, "62020002", NULL, NULL));
    /* the connection is lost: the session stays, and holds what comes */
    broker_close(&br, 1);
    CHECK(strstr(log_text, "broker: sub connection lost\n"));
    pub(2, 0x32, "p/c", 3, "three");
    pub(2, 0x30, "p/d", 0, "qos0 is not kept");
    CHECK(strstr(log_text, "broker: pub published p/c (qos 1) to 1 subscribers\n"));
    struct broker_stats s = stats();
    CHECK(s.sessions == 2 && s.stored_msgs == 3 && s.subs == 1);
    /* back on another connection: session present, then the unacknowledged
     * PUBLISH with DUP, the PUBREL again, then what waited (4.4) */
    CHECK(conn(3, "sub", 0, 60, NULL, NULL) == BROKER_OK);
    CHECK(strstr(log_text, "broker: sub resumed its session\n"));
    char want[512];
    snprintf(want, sizeof want, "%s%s", hpub(0x3a, "p/a", 1, "one"), "62020002");
    /* ... and the one that waited, with a fresh id */
    CHECK(out_is(3, "20020100", want, hpub(0x32, "p/c", 3, "three")));
    pub(2, 0x30, "p/e", 0, "x");
    CHECK(out_is(3, hpub(0x30, "p/e", 0, "x"), NULL, NULL));
    CHECK(stats().stored_msgs == 3);
    CHECK(ack(3, 0x40, 1) == BROKER_OK && ack(3, 0x70, 2) == BROKER_OK && ack(3, 0x40, 3) == BROKER_OK);
    CHECK(stats().stored_msgs == 0 && stats().stored_bytes == 0);
    /* the subscription survived: one more, no CONNECT needed */
    pub(2, 0x32, "p/f", 4, "four");
    CHECK(out_is(3, hpub(0x32, "p/f", 4, "four"), NULL, NULL));
    ack(3, 0x40, 4);
    /* back with clean session 1: no session present, nothing subscribed */
    IN(3, "\xe0\x00");
    CHECK(conn(3, "sub", CLEAN, 60, NULL, NULL) == BROKER_OK && out_is(3, "20020000", NULL, NULL));
    pub(2, 0x30, "p/g", 0, "x");
    CHECK(out_is(3, "", NULL, NULL) && stats().subs == 0);
    /* DISCONNECT of a clean session drops it; of a kept one keeps it */
    IN(3, "\xe0\x00");
    CHECK(stats().sessions == 1);
    conn(4, "keep", 0, 0, NULL, NULL);
    IN(4, "\xe0\x00");
    CHECK(stats().sessions == 2);
    /* before the fix: the session was forgotten and CONNACK said 0 */
}

/* Inbound QoS 2 across a reconnect: the id stays known in the kept session
 * until PUBREL, so the resent PUBLISH (DUP) is not delivered again. */
void test_qos2_reconnect(void)
{
    reset();
    conn(1, "watch", CLEAN, 60, NULL, NULL);
    sub(1, 1, "x", 0);
    out(1);
    conn(2, "sender", 0, 60, NULL, NULL);
    out(2);
    CHECK(pub(2, 0x34, "x", 7, "once") == BROKER_OK && out_is(2, "50020007", NULL, NULL));
    CHECK(out_is(1, hpub(0x30, "x", 0, "once"), NULL, NULL));
    broker_close(&br, 2);                   /* lost before PUBREL */
    CHECK(conn(3, "sender", 0, 60, NULL, NULL) == BROKER_OK && out_is(3, "20020100", NULL, NULL));
    CHECK(pub(3, 0x3c, "x", 7, "once") == BROKER_OK && out_is(3, "50020007", NULL, NULL));
    CHECK(out_is(1, "", NULL, NULL));       /* not twice */
    CHECK(ack(3, 0x62, 7) == BROKER_OK && out_is(3, "70020007", NULL, NULL));
    CHECK(pub(3, 0x34, "x", 7, "again") == BROKER_OK && out_is(1, hpub(0x30, "x", 0, "again"), NULL, NULL));
    /* PUBREL of an id we do not hold still gets PUBCOMP (4.3.3) */
    CHECK(ack(3, 0x62, 99) == BROKER_OK && strstr(out(3), "70020063"));
}

/* ---- wills ------------------------------------------------------------------- */
void test_will(void)
{
    reset();
    conn(1, "ww", CLEAN, 60, NULL, NULL);
    sub(1, 1, "will/#", 1);
    out(1);
    /* will at QoS 1, retained */
    CHECK(conn(2, "w1", CLEAN | 0x08 | 0x20, 60, "will/w1", "gone") == BROKER_OK);
    CHECK(stats().wills == 1);
    broker_close(&br, 2);
    CHECK(strstr(log_text, "broker: w1's will published to will/w1 (1 subscribers)\n"));
    CHECK(out_is(1, hpub(0x32, "will/w1", 1, "gone"), NULL, NULL));
    CHECK(notified[1] == 1);
    /* kept as the retained message of its topic */
    conn(3, "late", CLEAN, 60, NULL, NULL);
    out(3);
    sub(3, 1, "will/+", 0);
    CHECK(out_is(3, "9003000100", hpub(0x31, "will/w1", 0, "gone"), NULL));
    /* DISCONNECT drops the will (3.14.4-3) */
    conn(4, "w2", CLEAN, 60, "will/w2", "never");
    out(4);
    IN(4, "\xe0\x00");
    CHECK(out_is(1, "", NULL, NULL) && !strstr(log_text, "will/w2"));
    /* a protocol error: the stream transport closes, the will goes out */
    conn(5, "w3", CLEAN, 60, "will/w3", "bad");
    CHECK(IN(5, "\xc0\x01\x00") == BROKER_MALFORMED);
    broker_close(&br, 5);
    CHECK(out_is(1, hpub(0x30, "will/w3", 0, "bad"), NULL, NULL));
    /* closing twice publishes nothing more */
    broker_close(&br, 5);
    CHECK(out_is(1, "", NULL, NULL));
    /* a will longer than we keep: CONNACK 3 */
    char big[BROKER_RETAIN_PAYLOAD + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK(conn(6, "w4", CLEAN, 60, "will/w4", big) == BROKER_CLOSED && out_is(6, "20020003", NULL, NULL));
}

/* ---- takeover ----------------------------------------------------------------- */
void test_takeover(void)
{
    reset();
    conn(9, "obs", CLEAN, 60, NULL, NULL);
    sub(9, 1, "t/#", 0);
    out(9);
    CHECK(conn(1, "dup", 0, 60, "t/dup", "old") == BROKER_OK);
    sub(1, 1, "s", 1);
    out(1);
    /* a second connection with the same id: the first is closed, its will goes */
    CHECK(conn(2, "dup", 0, 60, NULL, NULL) == BROKER_OK);
    CHECK(closed[1] == 1 && br.conns[1].state == CONN_FREE);
    CHECK(strstr(log_text, "broker: dup (badge 1) taken over by a new connection\n"));
    CHECK(out_is(2, "20020100", NULL, NULL));      /* the kept session is the new one's */
    CHECK(out_is(9, hpub(0x30, "t/dup", 0, "old"), NULL, NULL));
    CHECK(out_is(1, "", NULL, NULL));              /* the old queue is gone */
    /* the old connection gets nothing more, even if it still sends */
    CHECK(broker_input(&br, 1, (const uint8_t *)"\xc0\x00", 2) == BROKER_CLOSED);
    pub(9, 0x32, "s", 5, "to dup");
    out(9);
    CHECK(out_is(2, hpub(0x32, "s", 1, "to dup"), NULL, NULL));
    /* takeover with clean session 1: the kept session is dropped */
    CHECK(conn(3, "dup", CLEAN, 60, NULL, NULL) == BROKER_OK && closed[2] == 1);
    CHECK(out_is(3, "20020000", NULL, NULL));
    pub(9, 0x32, "s", 6, "none");
    CHECK(out_is(3, "", NULL, NULL));
    /* two anonymous clients never take each other over */
    CHECK(conn(4, "", CLEAN, 60, NULL, NULL) == BROKER_OK && conn(5, "", CLEAN, 60, NULL, NULL) == BROKER_OK);
    CHECK(closed[4] == 0 && closed[5] == 0 && br.conns[4].state == CONN_UP);
}

void test_client_ids(void)
{
    char id64[65], id65[66];
    memset(id64, 'i', 64);
    id64[64] = 0;
    memset(id65, 'i', 65);
    id65[65] = 0;
    reset();
    CHECK(conn(1, id64, CLEAN, 60, NULL, NULL) == BROKER_OK && out_is(1, "20020000", NULL, NULL));
    CHECK(conn(2, id65, CLEAN, 60, NULL, NULL) == BROKER_CLOSED && out_is(2, "20020002", NULL, NULL));
    CHECK(conn(3, "", 0, 60, NULL, NULL) == BROKER_CLOSED && out_is(3, "20020002", NULL, NULL));
    /* UTF-8 ids are fine */
    CHECK(conn(4, "caf\xc3\xa9", CLEAN, 60, NULL, NULL) == BROKER_OK && out_is(4, "20020000", NULL, NULL));
    /* the session table full: CONNACK 3 */
    reset();
    char id[8];
    for (unsigned i = 0; i < BROKER_MAX_SESSIONS; i++) {
        snprintf(id, sizeof id, "k%u", i);
        conn(1, id, 0, 0, NULL, NULL);
        IN(1, "\xe0\x00");
    }
    CHECK(stats().sessions == BROKER_MAX_SESSIONS);
    out(1);
    CHECK(conn(2, "one-more", CLEAN, 60, NULL, NULL) == BROKER_CLOSED && out_is(2, "20020003", NULL, NULL));
    CHECK(conn(2, "k3", 0, 60, NULL, NULL) == BROKER_OK && out_is(2, "20020100", NULL, NULL));
}

/* ---- time ------------------------------------------------------------------------- */
void test_timeouts(void)
{
    reset();
    broker_tick(&br, 1000);
    conn(1, "ka", CLEAN, 10, "gone/ka", "expired");    /* keep-alive 10 s */
    conn(2, "busy", CLEAN, 10, NULL, NULL);
    conn(3, "none", CLEAN, 0, NULL, NULL);             /* no keep-alive */
    conn(4, "watch", CLEAN, 0, NULL, NULL);
    sub(4, 1, "gone/#", 0);
    out(4);
    broker_open(&br, 5);                               /* never sends CONNECT */
    broker_tick(&br, 11000);
    CHECK(IN(2, "\xc0\x00") == BROKER_OK);             /* busy: heard from at 11 s */
    broker_tick(&br, 16000);                           /* 15 s after: 1.5 x 10 s, not more */
    CHECK(br.conns[1].state == CONN_UP && closed[1] == 0);
    broker_tick(&br, 16001);
    CHECK(br.conns[1].state == CONN_FREE && closed[1] == 1);
    CHECK(strstr(log_text, "broker: ka keep-alive expired, closing\n"));
    CHECK(out_is(4, hpub(0x30, "gone/ka", 0, "expired"), NULL, NULL));
    CHECK(br.conns[2].state == CONN_UP);
    broker_tick(&br, 26001);
    CHECK(br.conns[2].state == CONN_FREE && closed[2] == 1);
    /* the CONNECT timeout (10 s by default) */
    CHECK(br.conns[5].state == CONN_FREE && closed[5] == 1);
    CHECK(strstr(log_text, "broker: badge 5 sent no CONNECT in time, closing\n"));
    broker_tick(&br, 1000000);
    CHECK(br.conns[3].state == CONN_UP && br.conns[4].state == CONN_UP);
}

/* ---- the in-flight window and held messages ------------------------------------- */
void test_window(void)
{
    reset();
    conn(1, "slow", CLEAN, 60, NULL, NULL);
    sub(1, 1, "w", 1);
    out(1);
    conn(2, "fast", CLEAN, 60, NULL, NULL);
    for (unsigned i = 1; i <= BROKER_INFLIGHT + 4; i++)
        pub(2, 0x32, "w", (uint16_t)i, "m");
    out(2);
    struct broker_stats s = stats();
    CHECK(s.stored_msgs == BROKER_INFLIGHT + 4);
    /* BROKER_INFLIGHT sent, the rest waits for acknowledgements */
    const char *o = out(1);
    CHECK(strlen(o) == BROKER_INFLIGHT * 2 * 8);
    CHECK(ack(1, 0x40, 1) == BROKER_OK && out_is(1, hpub(0x32, "w", BROKER_INFLIGHT + 1, "m"), NULL, NULL));
    /* an unknown id changes nothing */
    CHECK(ack(1, 0x40, 999) == BROKER_OK && out_is(1, "", NULL, NULL));
    for (unsigned i = 2; i <= BROKER_INFLIGHT + 4; i++)
        ack(1, 0x40, (uint16_t)i);
    out(1);
    CHECK(stats().stored_msgs == 0);
    /* messages that do not fit the queue wait in the store, whole */
    reset();
    conn(1, "slow", CLEAN, 60, NULL, NULL);
    sub(1, 1, "w", 1);
    out(1);
    conn(2, "fast", CLEAN, 60, NULL, NULL);
    char payload[301];
    memset(payload, 'p', 300);
    payload[300] = 0;
    for (unsigned i = 1; i <= 3; i++)
        pub(2, 0x32, "w", (uint16_t)i, payload);
    out(2);
    CHECK(br.conns[1].qlen == 3 * 308);
    CHECK(stats().stored_msgs == 3);
    pub(2, 0x32, "w", 4, payload);             /* 4 x 308 > 1024: held */
    CHECK(br.conns[1].qlen == 3 * 308 && stats().stored_msgs == 4);
    unsigned before = notified[1];
    uint8_t buf[400];
    CHECK(broker_take(&br, 1, buf, sizeof buf) == 308);
    CHECK(br.conns[1].qlen == 3 * 308 && notified[1] == before + 1);   /* refilled, and said so */
    /* the store of an offline session is bounded: a full one drops */
    reset();
    conn(1, "away", 0, 60, NULL, NULL);
    sub(1, 1, "w", 1);
    broker_close(&br, 1);
    conn(2, "fast", CLEAN, 60, NULL, NULL);
    for (unsigned i = 1; i <= BROKER_STORE_SIZE / 300 + 2; i++)
        pub(2, 0x32, "w", (uint16_t)i, payload);
    CHECK(strstr(log_text, "broker: session store full, dropped a message for away\n"));
    CHECK(stats().stored_bytes <= BROKER_STORE_SIZE && stats().stored_msgs == BROKER_STORE_SIZE / (300 + 1 + 12));
}

/* ---- limits: a subscription storm, $-topics ----------------------------------------- */
void test_limits(void)
{
    reset();
    conn(1, "storm", CLEAN, 60, NULL, NULL);
    out(1);
    char f[16];
    unsigned refused = 0;
    for (unsigned i = 0; i < BROKER_SESSION_SUBS + 10; i++) {
        snprintf(f, sizeof f, "s/%u", i);
        sub(1, (uint16_t)(i + 1), f, 1);
        const char *o = out(1);
        refused += strlen(o) == 10 && strcmp(o + 8, "80") == 0;
    }
    CHECK(refused == 10 && stats().subs == BROKER_SESSION_SUBS);
    /* the same filter again replaces, it does not add */
    sub(1, 1, "s/0", 0);
    CHECK(out_is(1, "9003000100", NULL, NULL) && stats().subs == BROKER_SESSION_SUBS);
    IN(1, "\xe0\x00");
    CHECK(stats().subs == 0);
    /* $-topics: no leading wildcard matches them; $SYS/# does */
    conn(2, "all", CLEAN, 60, NULL, NULL);
    sub(2, 1, "#", 0);
    sub(2, 2, "+/x", 0);
    conn(3, "sys", CLEAN, 60, NULL, NULL);
    sub(3, 1, "$SYS/#", 0);
    out(2);
    out(3);
    pub(3, 0x30, "$SYS/x", 0, "s");
    CHECK(out_is(2, "", NULL, NULL) && out_is(3, hpub(0x30, "$SYS/x", 0, "s"), NULL, NULL));
    /* several matching filters: one delivery, at the highest QoS */
    sub(2, 3, "a/+", 1);
    out(2);
    pub(3, 0x32, "a/x", 1, "q");
    CHECK(out_is(2, hpub(0x32, "a/x", 1, "q"), NULL, NULL));
    /* PUBLISH to a wildcard topic is a protocol error */
    CHECK(pub(3, 0x30, "a/+", 0, "q") == BROKER_MALFORMED && strstr(log_text, "sys published to an invalid topic"));
}

/* Everything back to zero when all are gone. */
void test_stats(void)
{
    reset();
    struct broker_stats z = stats();
    CHECK(z.conns == 0 && z.sessions == 0 && z.subs == 0 && z.queued_bytes == 0);
    for (unsigned round = 0; round < 50; round++) {
        unsigned c = 1 + round % BROKER_MAX_CLIENTS;
        conn(c, "x", CLEAN, 60, "w/x", "bye");
        sub(c, 1, "a/#", 1);
        pub(c, 0x32, "a/b", 1, "m");
        if (round % 3 == 0)
            IN(c, "\xe0\x00");
        else if (round % 3 == 1)
            broker_close(&br, c);
        else
            IN(c, "\x82");          /* cut short */
        broker_close(&br, c);
    }
    /* a refused CONNECT whose CONNACK the transport could not send */
    CHECK(conn(2, "", 0, 60, NULL, NULL) == BROKER_CLOSED);
    broker_close(&br, 2);
    struct broker_stats s = stats();
    CHECK(s.conns == 0 && s.sessions == 0 && s.subs == 0 && s.stored_msgs == 0 && s.wills == 0);
    CHECK(s.stored_bytes == 0 && s.queued_bytes == 0);
}

/* ---- the stream transport: bytes cut anywhere ------------------------------------- */
static struct stream st;

void test_stream(void)
{
    reset();
    stream_init(&st, &br);
    unsigned a = stream_open(&st), b = stream_open(&st);
    CHECK(a == 1 && b == 2);
    /* several packets in one read, the last cut; then byte by byte */
    struct pkt c1 = connect_pkt("sa", CLEAN, 60, NULL, NULL);
    uint8_t bytes[256];
    size_t n = 0;
    memcpy(bytes, c1.b, c1.n);
    n = c1.n;
    struct pkt s1 = { .n = 0 };
    p16(&s1, 1);
    pstr(&s1, "t");
    p8(&s1, 1);
    struct pkt s1f = frame_of(0x82, &s1);
    memcpy(bytes + n, s1f.b, s1f.n);
    n += s1f.n;
    memcpy(bytes + n, "\xc0\x00\xc0", 3);       /* PINGREQ and half of another */
    n += 3;
    uint8_t *h = dup_exact(bytes, n);
    CHECK(stream_input(&st, a, h, n) == STREAM_OK);
    free(h);
    CHECK(out_is(a, "20020000", "9003000101", "d000"));
    CHECK(st.conns[a].in_len == 1);
    CHECK(stream_input(&st, a, (const uint8_t *)"\x00", 1) == STREAM_OK && out_is(a, "d000", NULL, NULL));
    struct pkt c2 = connect_pkt("sb", CLEAN, 60, NULL, NULL), p2 = publish_pkt(0x32, "t", 3, "hello");
    for (size_t i = 0; i < c2.n; i++)
        CHECK(stream_input(&st, b, c2.b + i, 1) == STREAM_OK);
    for (size_t i = 0; i < p2.n; i++)
        CHECK(stream_input(&st, b, p2.b + i, 1) == STREAM_OK);
    CHECK(out_is(b, "20020000", "40020003", NULL));
    size_t len;
    const uint8_t *o = stream_output(&st, a, &len);
    CHECK(o && len == p2.n);
    stream_sent(&st, a, 3);                     /* a partial send */
    o = stream_output(&st, a, &len);
    CHECK(o && len == p2.n - 3);
    stream_sent(&st, a, len);
    CHECK(stream_output(&st, a, &len) == NULL && len == 0);
    /* a remaining length over 4 bytes: closed as soon as seen */
    unsigned c = stream_open(&st);
    CHECK(stream_input(&st, c, (const uint8_t *)"\x10\xff\xff\xff\xff", 5) == STREAM_CLOSE);
    CHECK(strstr(log_text, "sent a remaining length over 4 bytes, closing"));
    stream_closed(&st, c);
    /* a packet longer than BROKER_MAX_PACKET: closed before its body */
    c = stream_open(&st);
    struct pkt cc = connect_pkt("big", CLEAN, 60, "w/big", "bye");
    stream_input(&st, c, cc.b, cc.n);
    out(c);
    conn(9, "seer", CLEAN, 60, NULL, NULL);
    sub(9, 1, "w/#", 0);
    out(9);
    uint8_t longhdr[3] = { 0x30, (uint8_t)(0x80 | ((BROKER_MAX_PACKET - 2) & 0x7f)),
                           (uint8_t)((BROKER_MAX_PACKET - 2) >> 7) };
    CHECK(stream_input(&st, c, longhdr, 3) == STREAM_CLOSE);
    CHECK(strstr(log_text, "broker: big sent a packet longer than we take, closing\n"));
    CHECK(out_is(9, hpub(0x30, "w/big", 0, "bye"), NULL, NULL));    /* a protocol error: its will */
    stream_closed(&st, c);
    /* exactly the limit is fine */
    c = stream_open(&st);
    stream_input(&st, c, c1.b, c1.n);
    static uint8_t maxp[BROKER_MAX_PACKET];
    maxp[0] = 0x30;
    maxp[1] = (uint8_t)(0x80 | ((BROKER_MAX_PACKET - 3) & 0x7f));
    maxp[2] = (uint8_t)((BROKER_MAX_PACKET - 3) >> 7);
    maxp[3] = 0;
    maxp[4] = 1;
    maxp[5] = 'z';
    CHECK(stream_input(&st, c, maxp, sizeof maxp) == STREAM_OK && st.conns[c].in_len == 0);
    /* malformed, then closed: the stream says close, the core published the will */
    CHECK(stream_input(&st, c, (const uint8_t *)"\xc0\x01\x00", 3) == STREAM_CLOSE);
    stream_closed(&st, c);
    /* a connection the core ended (takeover) is closed by its transport */
    struct pkt again = connect_pkt("sa", CLEAN, 60, NULL, NULL);
    c = stream_open(&st);
    CHECK(stream_input(&st, c, again.b, again.n) == STREAM_OK && closed[a] == 1);
    CHECK(stream_input(&st, a, (const uint8_t *)"\xc0\x00", 2) == STREAM_CLOSE);
    CHECK(stream_open(&st) != a);               /* not reused before stream_closed */
    stream_closed(&st, a);
    unsigned open;
    size_t buffered;
    stream_stats(&st, &open, &buffered);
    CHECK(buffered == 0);
}
