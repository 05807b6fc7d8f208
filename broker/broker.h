/* broker/broker.h - the MQTT 3.1.1 broker's core: clients (sessions),
 * subscriptions, retained messages, and the handling of each control
 * packet. It knows nothing of how bytes travel: a transport (transport.h)
 * hands it whole packets from a client and takes that client's queued
 * output, and the core calls the transport back to log a line and to say
 * that a client other than the one being served has output waiting.
 *
 * Clients are numbered 1..BROKER_MAX_CLIENTS by the transport (over IPC:
 * the badge of the caller's endpoint capability; over TCP: a connection
 * slot). The client id a CONNECT carries is used only for printing.
 * All state is in struct broker: no allocation, fixed limits below.
 */
#ifndef BROKER_BROKER_H
#define BROKER_BROKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BROKER_MAX_CLIENTS 16      /* client numbers 1..16 */
#define BROKER_QUEUE_SIZE 1024     /* output queued for one client, whole packets */
#define BROKER_MAX_SUBS 32         /* subscriptions, all clients together */
#define BROKER_MAX_RETAINED 8      /* retained messages (one per topic) */
#define BROKER_RETAIN_PAYLOAD 176  /* longest retained payload kept */
#define BROKER_TOPIC_MAX 64        /* longest topic name or filter */
#define BROKER_ID_MAX 32           /* client id bytes kept (for printing) */
#define BROKER_FILTERS_MAX 16      /* filters in one SUBSCRIBE/UNSUBSCRIBE */
#define BROKER_QOS2_MAX 4          /* QoS 2 packet ids awaiting PUBREL, per client */

/* What the core needs from its transport. */
struct broker_ops {
    /* Print one line (no '\n'; printable ASCII). */
    void (*log)(void *ctx, const char *text, size_t len);
    /* Client c has new output and is not the client being served. */
    void (*notify)(void *ctx, unsigned c);
    void *ctx;
    /* How a client without a client id is named: "<word> N" ("badge"). */
    const char *client_word;
};

struct broker_client {
    bool connected;
    uint8_t id_len;
    char id[BROKER_ID_MAX];
    uint16_t last_id;                  /* last packet id of a delivery */
    uint16_t qos2[BROKER_QOS2_MAX];    /* inbound QoS 2 ids before PUBREL (0: free) */
    uint16_t qlen;
    uint8_t queue[BROKER_QUEUE_SIZE];
};

struct broker_sub {
    bool used;
    uint8_t client, qos, len;
    uint8_t filter[BROKER_TOPIC_MAX];
};

struct broker_retained {
    bool used;
    uint8_t qos, topic_len;
    uint16_t payload_len;
    uint8_t topic[BROKER_TOPIC_MAX];
    uint8_t payload[BROKER_RETAIN_PAYLOAD];
};

struct broker {
    struct broker_ops ops;
    unsigned disconnects;              /* DISCONNECTs seen so far */
    struct broker_client clients[BROKER_MAX_CLIENTS + 1];   /* [0] unused */
    struct broker_sub subs[BROKER_MAX_SUBS];
    struct broker_retained retained[BROKER_MAX_RETAINED];
    uint8_t body[BROKER_QUEUE_SIZE];   /* a packet being built */
};

/* What became of a client's input (a TCP transport closes the connection
 * on anything but OK; over IPC the client simply goes on). */
enum broker_result {
    BROKER_OK,
    BROKER_MALFORMED,      /* a packet was malformed: the rest was ignored */
    BROKER_DISCONNECTED,   /* the client sent DISCONNECT */
};

void broker_init(struct broker *br, const struct broker_ops *ops);

/* Handle msg[0..len), zero or more whole packets from client c (1..MAX).
 * A packet cut short counts as malformed: a stream transport frames
 * packets first (mqtt_frame). Never reads outside msg. */
enum broker_result broker_input(struct broker *br, unsigned c, const uint8_t *msg, size_t len);

/* Move client c's queued output (whole packets, at most cap bytes) to dst;
 * returns the bytes moved. What does not fit stays queued. */
size_t broker_take(struct broker *br, unsigned c, uint8_t *dst, size_t cap);

/* Log "broker: NAME what" for client c (for the transport's own events). */
void broker_log_client(struct broker *br, unsigned c, const char *what);
/* Log "broker: text". */
void broker_log(struct broker *br, const char *text);

/* A filter the broker accepts: valid (mqtt_filter_valid), at most
 * BROKER_TOPIC_MAX bytes. */
bool broker_filter_ok(const uint8_t *f, size_t n);

#endif
