/* broker/mqtt_codec.c - MQTT 3.1.1 packet encoding and decoding (see
 * mqtt_codec.h): fixed header, bounds-checked reader, bounded writer,
 * UTF-8 validation of strings. */
#include "mqtt_codec.h"

#include <string.h>

enum mqtt_frame_result mqtt_frame(const uint8_t *buf, size_t len, struct mqtt_fixed *h)
{
    uint32_t rl = 0;
    size_t i = 1;
    if (len < 2)
        return MQTT_FRAME_SHORT;
    for (;;) {
        if (i > 4)
            return MQTT_FRAME_BAD;      /* a fifth length byte (2.2.3) */
        if (i >= len)
            return MQTT_FRAME_SHORT;
        uint8_t d = buf[i];
        rl |= (uint32_t)(d & 0x7f) << (7 * (i - 1));
        i++;
        if (!(d & 0x80))
            break;
    }
    h->byte0 = buf[0];
    h->type = buf[0] >> 4;
    h->flags = buf[0] & 0xf;
    h->hdr_len = (uint8_t)i;
    h->remaining = rl;
    if (rl > len - i)
        return MQTT_FRAME_SHORT;
    return MQTT_FRAME_OK;
}

bool mqtt_flags_valid(uint8_t byte0)
{
    uint8_t type = byte0 >> 4, flags = byte0 & 0xf;
    switch (type) {
    case MQTT_PUBLISH:
        return ((flags >> 1) & 3) != 3;
    case MQTT_PUBREL:
    case MQTT_SUBSCRIBE:
    case MQTT_UNSUBSCRIBE:
        return flags == 2;
    default:
        return flags == 0;
    }
}

bool mqtt_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t more;
        uint32_t cp, min;
        if (c == 0)
            return false;               /* U+0000 (1.5.3-2) */
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) { more = 1; cp = c & 0x1f; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { more = 2; cp = c & 0x0f; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { more = 3; cp = c & 0x07; min = 0x10000; }
        else return false;              /* continuation byte, 0xc0/0xc1, 0xf5.. */
        if (more > n - i - 1)
            return false;               /* cut short */
        for (size_t k = 1; k <= more; k++) {
            uint8_t d = s[i + k];
            if ((d & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (d & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;               /* overlong, too big, surrogate (1.5.3-1) */
        i += more + 1;
    }
    return true;
}

void mqtt_reader_init(struct mqtt_reader *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->end = p + len;
    r->bad = false;
}

size_t mqtt_left(const struct mqtt_reader *r)
{
    return (size_t)(r->end - r->p);
}

static bool need(struct mqtt_reader *r, size_t n)
{
    if (r->bad || n > mqtt_left(r)) {
        r->bad = true;
        return false;
    }
    return true;
}

uint8_t mqtt_r8(struct mqtt_reader *r)
{
    if (!need(r, 1))
        return 0;
    return *r->p++;
}

uint16_t mqtt_r16(struct mqtt_reader *r)
{
    if (!need(r, 2))
        return 0;
    uint16_t v = (uint16_t)(r->p[0] << 8 | r->p[1]);
    r->p += 2;
    return v;
}

struct mqtt_str mqtt_rbin(struct mqtt_reader *r)
{
    struct mqtt_str s = { 0, 0 };
    uint16_t n = mqtt_r16(r);
    if (!need(r, n))
        return s;
    s.p = r->p;
    s.len = n;
    r->p += n;
    return s;
}

struct mqtt_str mqtt_rstr(struct mqtt_reader *r)
{
    struct mqtt_str s = mqtt_rbin(r);
    if (!r->bad && !mqtt_utf8_valid(s.p, s.len)) {
        r->bad = true;
        s.p = 0;
        s.len = 0;
    }
    return s;
}

const uint8_t *mqtt_rrest(struct mqtt_reader *r, size_t *len)
{
    const uint8_t *p = r->p;
    *len = r->bad ? 0 : mqtt_left(r);
    r->p = r->end;
    return p;
}

void mqtt_rend(struct mqtt_reader *r)
{
    if (r->p != r->end)
        r->bad = true;
}

void mqtt_writer_init(struct mqtt_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->overflow = false;
}

void mqtt_wraw(struct mqtt_writer *w, const void *p, size_t n)
{
    if (w->overflow || n > w->cap - w->len) {
        w->overflow = true;
        return;
    }
    if (n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void mqtt_w8(struct mqtt_writer *w, uint8_t v)
{
    mqtt_wraw(w, &v, 1);
}

void mqtt_w16(struct mqtt_writer *w, uint16_t v)
{
    uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    mqtt_wraw(w, b, 2);
}

void mqtt_wstr(struct mqtt_writer *w, const void *p, uint16_t n)
{
    mqtt_w16(w, n);
    mqtt_wraw(w, p, n);
}

size_t mqtt_varint_len(uint32_t n)
{
    if (n > MQTT_MAX_REMAINING)
        return 0;
    return n < 128 ? 1 : n < 16384 ? 2 : n < 2097152 ? 3 : 4;
}

size_t mqtt_encode(uint8_t byte0, const uint8_t *body, size_t body_len, uint8_t *dst, size_t cap)
{
    if (body_len > MQTT_MAX_REMAINING)
        return 0;
    size_t vl = mqtt_varint_len((uint32_t)body_len);
    if (cap < 1 + vl || body_len > cap - 1 - vl)
        return 0;
    uint32_t rl = (uint32_t)body_len;
    size_t i = 0;
    dst[i++] = byte0;
    do {
        uint8_t d = rl & 0x7f;
        rl >>= 7;
        dst[i++] = (uint8_t)(d | (rl ? 0x80 : 0));
    } while (rl);
    if (body_len)
        memmove(dst + i, body, body_len);
    return i + body_len;
}
