/* broker/stream.c - framing MQTT packets out of a byte stream per
 * connection for the broker's core (stream.h). */
#include "stream.h"
#include "mqtt_codec.h"

#include <string.h>

void stream_init(struct stream *st, struct broker *br)
{
    memset(st, 0, sizeof *st);
    st->br = br;
    st->first = 1;
}

void stream_reserve(struct stream *st, unsigned n)
{
    st->first = n + 1;
}

unsigned stream_open(struct stream *st)
{
    for (unsigned c = st->first; c <= BROKER_MAX_CLIENTS; c++) {
        struct stream_conn *sc = &st->conns[c];
        if (sc->open || broker_is_open(st->br, c))
            continue;
        sc->open = true;
        sc->in_len = 0;
        broker_open(st->br, c);
        return c;
    }
    return 0;
}

/* Hand every whole packet in c's buffer to the core; keep the rest. */
static enum stream_result drain(struct stream *st, unsigned c)
{
    struct stream_conn *sc = &st->conns[c];
    size_t at = 0;
    enum stream_result res = STREAM_OK;
    for (;;) {
        struct mqtt_fixed h = { 0 };
        enum mqtt_frame_result f = mqtt_frame(sc->in + at, sc->in_len - at, &h);
        if (f == MQTT_FRAME_BAD) {
            broker_log_client(st->br, c, " sent a remaining length over 4 bytes, closing");
            broker_close(st->br, c);
            res = STREAM_CLOSE;
            break;
        }
        if (h.hdr_len && h.remaining > (uint32_t)BROKER_MAX_PACKET - h.hdr_len) {
            broker_log_client(st->br, c, " sent a packet longer than we take, closing");
            broker_close(st->br, c);
            res = STREAM_CLOSE;
            break;
        }
        if (f == MQTT_FRAME_SHORT)
            break;
        size_t len = h.hdr_len + h.remaining;
        enum broker_result r = broker_input(st->br, c, sc->in + at, len);
        at += len;
        if (r != BROKER_OK) {
            if (r == BROKER_MALFORMED)
                broker_close(st->br, c);    /* a protocol error: the will goes out */
            res = STREAM_CLOSE;
            break;
        }
    }
    if (res == STREAM_CLOSE) {
        sc->in_len = 0;
        return res;
    }
    memmove(sc->in, sc->in + at, sc->in_len - at);
    sc->in_len -= (uint32_t)at;
    return res;
}

enum stream_result stream_input(struct stream *st, unsigned c, const uint8_t *p, size_t n)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS || !st->conns[c].open)
        return STREAM_CLOSE;
    struct stream_conn *sc = &st->conns[c];
    while (n > 0) {
        /* drain() leaves less than a whole buffer: there is always room */
        size_t k = BROKER_MAX_PACKET - sc->in_len;
        if (k > n)
            k = n;
        memcpy(sc->in + sc->in_len, p, k);
        sc->in_len += (uint32_t)k;
        p += k;
        n -= k;
        if (drain(st, c) == STREAM_CLOSE)
            return STREAM_CLOSE;
    }
    return STREAM_OK;
}

const uint8_t *stream_output(struct stream *st, unsigned c, size_t *n)
{
    const uint8_t *p = broker_peek(st->br, c, n);
    return *n ? p : NULL;
}

void stream_sent(struct stream *st, unsigned c, size_t n)
{
    broker_consume(st->br, c, n);
}

void stream_closed(struct stream *st, unsigned c)
{
    if (c == 0 || c > BROKER_MAX_CLIENTS)
        return;
    broker_close(st->br, c);
    st->conns[c].open = false;
    st->conns[c].in_len = 0;
}

void stream_stats(const struct stream *st, unsigned *open, size_t *buffered)
{
    *open = 0;
    *buffered = 0;
    for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++) {
        *open += st->conns[c].open;
        *buffered += st->conns[c].in_len;
    }
}
