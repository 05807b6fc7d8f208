/* broker/mqtt_codec.h - MQTT 3.1.1 packet encoding and decoding: the fixed
 * header (type, flags, remaining length), a bounds-checked reader for the
 * variable header and payload, and a writer that never overruns its buffer.
 * No state, no I/O, no libc beyond memcpy: built for wasm32 in the broker
 * task and natively for the host tests (tests/broker/).
 */
#ifndef BROKER_MQTT_CODEC_H
#define BROKER_MQTT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Control packet types (MQTT 3.1.1, 2.2.1). */
enum mqtt_type {
    MQTT_CONNECT = 1, MQTT_CONNACK = 2, MQTT_PUBLISH = 3, MQTT_PUBACK = 4,
    MQTT_PUBREC = 5, MQTT_PUBREL = 6, MQTT_PUBCOMP = 7, MQTT_SUBSCRIBE = 8,
    MQTT_SUBACK = 9, MQTT_UNSUBSCRIBE = 10, MQTT_UNSUBACK = 11,
    MQTT_PINGREQ = 12, MQTT_PINGRESP = 13, MQTT_DISCONNECT = 14,
};

/* The largest remaining length four varint bytes hold (2.2.3). */
#define MQTT_MAX_REMAINING 268435455u

/* A decoded fixed header. The packet is hdr_len + remaining bytes long. */
struct mqtt_fixed {
    uint8_t byte0;       /* type << 4 | flags */
    uint8_t type;        /* enum mqtt_type, or 0/15 (reserved) */
    uint8_t flags;       /* low 4 bits of byte0 */
    uint8_t hdr_len;     /* 2..5 */
    uint32_t remaining;  /* the remaining length */
};

enum mqtt_frame_result {
    MQTT_FRAME_OK,       /* a whole packet is in the buffer */
    MQTT_FRAME_SHORT,    /* not yet: more bytes needed (a stream may wait) */
    MQTT_FRAME_BAD,      /* never a packet: remaining length over 4 bytes */
};

/* Decode the fixed header at buf[0..len): OK only when the whole packet
 * (header and remaining length) is within len. A fifth varint byte is BAD
 * as soon as it is seen, whatever follows. SHORT with the fixed header
 * complete (only the body missing) fills *h, so a stream can refuse a
 * packet longer than it takes before its body arrives; SHORT within the
 * fixed header leaves *h as it was. */
enum mqtt_frame_result mqtt_frame(const uint8_t *buf, size_t len, struct mqtt_fixed *h);

/* The fixed-header flags 3.1.1 table 2.2 requires: PUBLISH any QoS but 3,
 * PUBREL, SUBSCRIBE and UNSUBSCRIBE 0b0010, every other type 0. */
bool mqtt_flags_valid(uint8_t byte0);

/* Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF) without U+0000, as MQTT strings must be (1.5.3). */
bool mqtt_utf8_valid(const uint8_t *s, size_t n);

/* ---- reading: any read past the end, or a string that is not valid UTF-8,
 * sets bad and returns zeroes; the caller checks bad once at the end. */
struct mqtt_reader {
    const uint8_t *p, *end;
    bool bad;
};
struct mqtt_str {
    const uint8_t *p;
    uint16_t len;
};

void mqtt_reader_init(struct mqtt_reader *r, const uint8_t *p, size_t len);
size_t mqtt_left(const struct mqtt_reader *r);
uint8_t mqtt_r8(struct mqtt_reader *r);
uint16_t mqtt_r16(struct mqtt_reader *r);
/* A length-prefixed UTF-8 string (1.5.3). */
struct mqtt_str mqtt_rstr(struct mqtt_reader *r);
/* Length-prefixed binary data (a password): no UTF-8 check. */
struct mqtt_str mqtt_rbin(struct mqtt_reader *r);
/* The rest of the packet (a PUBLISH payload). */
const uint8_t *mqtt_rrest(struct mqtt_reader *r, size_t *len);
/* Require the end of the packet: trailing bytes make it bad. */
void mqtt_rend(struct mqtt_reader *r);

/* ---- writing: bytes that do not fit set overflow and are dropped. */
struct mqtt_writer {
    uint8_t *buf;
    size_t cap, len;
    bool overflow;
};

void mqtt_writer_init(struct mqtt_writer *w, uint8_t *buf, size_t cap);
void mqtt_w8(struct mqtt_writer *w, uint8_t v);
void mqtt_w16(struct mqtt_writer *w, uint16_t v);
void mqtt_wraw(struct mqtt_writer *w, const void *p, size_t n);
void mqtt_wstr(struct mqtt_writer *w, const void *p, uint16_t n);

/* Bytes of the remaining-length varint for n (1..4), 0 if n is too big. */
size_t mqtt_varint_len(uint32_t n);
/* Write the packet byte0 + varint(body_len) + body at dst (cap bytes).
 * Returns its length, or 0 (nothing written) if it does not fit. */
size_t mqtt_encode(uint8_t byte0, const uint8_t *body, size_t body_len, uint8_t *dst, size_t cap);

#endif
