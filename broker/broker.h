/* broker/broker.h - the MQTT 3.1.1 broker's core: connections, sessions,
 * subscriptions, retained messages, and the handling of each control
 * packet. It knows nothing of how bytes travel: a transport (transport.h)
 * opens a connection, hands the core whole packets from it, takes that
 * connection's queued output, tells the core when a connection is lost and
 * what time it is; the core calls the transport back to log a line, to say
 * that a connection other than the one being served has output waiting,
 * and to close a connection the core ended (takeover, keep-alive).
 *
 * Connections are numbered 1..BROKER_MAX_CLIENTS by the transport (over
 * IPC: the badge of the caller's endpoint capability; over a byte stream:
 * a connection slot). A session is found by the client id of CONNECT and
 * outlives its connection when the client asked for it (clean session 0).
 * All state is in struct broker: no allocation, fixed limits below.
 */
#ifndef BROKER_BROKER_H
#define BROKER_BROKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Three sets of limits: the small one of the IPC demo (a wasm task with a
 * few clients), with BROKER_PROFILE_LARGE one for a network broker (the
 * host build, broker/host/), with BROKER_PROFILE_NET the in-kernel broker
 * task serving TCP and IPC (mqttnet/). */
#if defined(BROKER_PROFILE_LARGE)
#define BROKER_MAX_CLIENTS 256     /* connections at once, numbers 1..256 */
#define BROKER_MAX_SESSIONS 512    /* sessions, connected or kept */
#define BROKER_QUEUE_SIZE 16384    /* output queued for one connection */
#define BROKER_STORE_SIZE 16384    /* QoS 1/2 messages kept for one session */
#define BROKER_MAX_PACKET 8192     /* longest packet a stream transport takes */
#define BROKER_MAX_SUBS 4096       /* subscriptions, all sessions together */
#define BROKER_SESSION_SUBS 64     /* subscriptions of one session */
#define BROKER_MAX_RETAINED 256    /* retained messages (one per topic) */
#define BROKER_RETAIN_PAYLOAD 1024 /* longest retained (and will) payload */
#define BROKER_TOPIC_MAX 256       /* longest topic name or filter */
#elif defined(BROKER_PROFILE_NET)
/* The in-kernel broker task on TCP and IPC (mqttnet/): the network task
 * holds 128 connections at once (netstack/README.md, "Limits"); about
 * 3.4 MB of linear memory (mqttnet/README.md, "Limits"). */
#define BROKER_MAX_CLIENTS 128
#define BROKER_MAX_SESSIONS 160
#define BROKER_QUEUE_SIZE 8192
#define BROKER_STORE_SIZE 8192
#define BROKER_MAX_PACKET 4096
#define BROKER_MAX_SUBS 512
#define BROKER_SESSION_SUBS 32
#define BROKER_MAX_RETAINED 64
#define BROKER_RETAIN_PAYLOAD 512
#define BROKER_TOPIC_MAX 128
#else
#define BROKER_MAX_CLIENTS 16
#define BROKER_MAX_SESSIONS 16
#define BROKER_QUEUE_SIZE 1024
#define BROKER_STORE_SIZE 2048
#define BROKER_MAX_PACKET 1024
#define BROKER_MAX_SUBS 32
#define BROKER_SESSION_SUBS 32
#define BROKER_MAX_RETAINED 8
#define BROKER_RETAIN_PAYLOAD 176
#define BROKER_TOPIC_MAX 64
#endif
#define BROKER_ID_MAX 64           /* longest client id (longer: CONNACK 2) */
#define BROKER_FILTERS_MAX 16      /* filters in one SUBSCRIBE/UNSUBSCRIBE */
#define BROKER_QOS2_MAX 16         /* inbound QoS 2 ids awaiting PUBREL, per session */
#define BROKER_INFLIGHT 16         /* outbound QoS 1/2 messages unacknowledged, per session */
#define BROKER_CONNECT_TIMEOUT_MS 10000u  /* a connection must CONNECT within this */

/* What the core needs from its transport. */
struct broker_ops {
    /* Print one line (no '\n'; printable ASCII). */
    void (*log)(void *ctx, const char *text, size_t len);
    /* Connection c has new output and is not the one being served. */
    void (*notify)(void *ctx, unsigned c);
    /* The core ended connection c, not the one being served (takeover,
     * keep-alive or CONNECT timeout): close it. May be NULL (IPC). Called
     * from inside broker_input/broker_tick: a transport may close at once
     * or later; the core ignores c until broker_open(c). */
    void (*close)(void *ctx, unsigned c);
    void *ctx;
    /* How a connection without a client id is named: "<word> N" ("badge"). */
    const char *client_word;
};

enum broker_conn_state { CONN_FREE, CONN_OPEN, CONN_UP };

struct broker_conn {
    uint8_t state;                     /* enum broker_conn_state */
    bool will, will_retain, overflow;
    uint8_t will_qos;
    uint16_t session;                  /* its session + 1; 0: none (before CONNECT) */
    uint16_t keepalive;                /* seconds; 0: none */
    uint16_t will_tlen, will_plen;
    uint64_t since_ms;                 /* its last packet (or its opening) */
    uint32_t qlen;
    uint8_t will_topic[BROKER_TOPIC_MAX];
    uint8_t will_payload[BROKER_RETAIN_PAYLOAD];
    uint8_t queue[BROKER_QUEUE_SIZE];  /* whole packets, oldest first */
};

struct broker_session {
    bool used, clean;
    uint8_t id_len;                    /* 0: an anonymous (clean) session */
    uint16_t conn;                     /* its connection; 0: offline */
    uint16_t next_id;                  /* last packet id used for a delivery */
    uint16_t nsubs;
    uint16_t qos2[BROKER_QOS2_MAX];    /* inbound QoS 2 ids before PUBREL (0: free) */
    uint32_t store_len;
    char id[BROKER_ID_MAX];
    uint8_t store[BROKER_STORE_SIZE];  /* QoS 1/2 deliveries: records (broker_out.c) */
};

struct broker_sub {
    bool used;
    uint8_t qos;
    uint16_t session, len;
    uint8_t filter[BROKER_TOPIC_MAX];
};

struct broker_retained {
    bool used;
    uint8_t qos;
    uint16_t topic_len, payload_len;
    uint8_t topic[BROKER_TOPIC_MAX];
    uint8_t payload[BROKER_RETAIN_PAYLOAD];
};

struct broker {
    struct broker_ops ops;
    unsigned disconnects;              /* DISCONNECTs seen so far */
    uint64_t now_ms;                   /* the transport's clock (broker_tick) */
    uint32_t connect_timeout_ms;       /* BROKER_CONNECT_TIMEOUT_MS unless changed */
    struct broker_conn conns[BROKER_MAX_CLIENTS + 1];   /* [0] unused */
    struct broker_session sessions[BROKER_MAX_SESSIONS];
    struct broker_sub subs[BROKER_MAX_SUBS];
    struct broker_retained retained[BROKER_MAX_RETAINED];
    uint8_t best[BROKER_MAX_SESSIONS]; /* a PUBLISH's fan-out: QoS per session, 0xff none */
    uint8_t body[BROKER_QUEUE_SIZE];   /* a packet being built */
};

/* What became of a connection's input. */
enum broker_result {
    BROKER_OK,
    BROKER_MALFORMED,      /* a packet was malformed: the rest was ignored */
    BROKER_DISCONNECTED,   /* the client sent DISCONNECT: the connection is over */
    BROKER_CLOSED,         /* the core ended it (CONNACK refused, output not read,
                            * taken over): send what broker_peek holds, close */
};

void broker_init(struct broker *br, const struct broker_ops *ops);

/* A new connection c (1..MAX, CONN_FREE): it must CONNECT within
 * connect_timeout_ms. Its output queue starts empty. */
void broker_open(struct broker *br, unsigned c);
bool broker_is_open(const struct broker *br, unsigned c);

/* Handle msg[0..len), zero or more whole packets from connection c. A
 * packet cut short counts as malformed: a stream transport frames packets
 * first (stream.h). Never reads outside msg. */
enum broker_result broker_input(struct broker *br, unsigned c, const uint8_t *msg, size_t len);

/* The transport lost connection c (peer closed, reset, error, or it closes
 * c after BROKER_MALFORMED): its will is published (3.1.2.5), its session
 * kept or dropped, its unsent output dropped. Nothing more if c was ended
 * already. */
void broker_close(struct broker *br, unsigned c);

/* The time is now_ms (any monotonic origin): ends connections silent for
 * 1.5 times their keep-alive (3.1.2.10) and those that did not CONNECT in
 * time. A transport without a clock never calls it: no timeouts. */
void broker_tick(struct broker *br, uint64_t now_ms);

/* Output. A transport uses take (whole packets, IPC) or peek/consume
 * (bytes, streams), not both. Taking makes room: held QoS 1/2 messages
 * may then be queued (notify is called for c if so). */
size_t broker_take(struct broker *br, unsigned c, uint8_t *dst, size_t cap);
const uint8_t *broker_peek(const struct broker *br, unsigned c, size_t *len);
void broker_consume(struct broker *br, unsigned c, size_t n);

/* Counters of what is in use: all back to their start when every client
 * is gone and no session or retained message is kept. */
struct broker_stats {
    unsigned conns, sessions, subs, retained, wills;
    unsigned stored_msgs;           /* QoS 1/2 messages held in sessions */
    size_t queued_bytes, stored_bytes, retained_bytes;
};
void broker_stats(const struct broker *br, struct broker_stats *st);

/* Log "broker: NAME what" for connection c (for the transport's own events). */
void broker_log_client(struct broker *br, unsigned c, const char *what);
/* Log "broker: text". */
void broker_log(struct broker *br, const char *text);

/* A filter the broker accepts: valid (mqtt_filter_valid), at most
 * BROKER_TOPIC_MAX bytes. */
bool broker_filter_ok(const uint8_t *f, size_t n);

#endif
