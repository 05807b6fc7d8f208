/* broker/stream.h - the part every byte-stream transport shares (TCP on the
 * host today, TCP over the network task's sockets later): one input buffer
 * per connection that collects bytes until mqtt_frame() says a packet is
 * whole, so that a read may hold part of a packet or several packets; a
 * packet longer than BROKER_MAX_PACKET or a remaining length over four
 * bytes closes the connection before its body is read. Output is the
 * core's per-connection queue (BROKER_QUEUE_SIZE bytes): a client that
 * sends without reading fills it with the answers to its own packets and
 * is closed (broker.h, BROKER_CLOSED).
 *
 * A stream transport, in full:
 *   - broker_init(br, ops) with ops.close set (the core ends connections:
 *     takeover, keep-alive), then stream_init(st, br);
 *   - a new connection: c = stream_open(st); 0: no room, close it at once;
 *   - bytes received: if stream_input(st, c, p, n) == STREAM_CLOSE, send
 *     what stream_output() holds (best effort) and close the connection;
 *   - while stream_output(st, c, &n) has n bytes: send them, then
 *     stream_sent(st, c, sent) (a partial send is fine);
 *   - the peer closed, reset or failed: close it;
 *   - closing c, whatever the reason: stream_closed(st, c) (publishes the
 *     will unless the client sent DISCONNECT), after which c may be reused;
 *   - every 100 ms or so: broker_tick(br, now_ms).
 * All of it is single-threaded: one loop owns br and st.
 */
#ifndef BROKER_STREAM_H
#define BROKER_STREAM_H

#include "broker.h"

struct stream_conn {
    bool open;
    uint32_t in_len;
    uint8_t in[BROKER_MAX_PACKET];
};

struct stream {
    struct broker *br;
    unsigned first;             /* stream_open's lowest number (stream_reserve) */
    struct stream_conn conns[BROKER_MAX_CLIENTS + 1];   /* [0] unused */
};

enum stream_result { STREAM_OK, STREAM_CLOSE };

void stream_init(struct stream *st, struct broker *br);
/* Numbers 1..n are another transport's (IPC badges beside TCP): stream_open
 * gives n+1 and above. */
void stream_reserve(struct stream *st, unsigned n);
/* A new connection's number (1..BROKER_MAX_CLIENTS), 0 if all are in use. */
unsigned stream_open(struct stream *st);
/* n bytes received on c: every whole packet goes to the core. */
enum stream_result stream_input(struct stream *st, unsigned c, const uint8_t *p, size_t n);
/* Bytes waiting to be sent on c (NULL, 0: none). */
const uint8_t *stream_output(struct stream *st, unsigned c, size_t *n);
/* n of them were sent. */
void stream_sent(struct stream *st, unsigned c, size_t n);
/* c is closed: the core forgets it (will published if due). */
void stream_closed(struct stream *st, unsigned c);
/* Open connections and the bytes buffered in their partial packets. */
void stream_stats(const struct stream *st, unsigned *open, size_t *buffered);

#endif
