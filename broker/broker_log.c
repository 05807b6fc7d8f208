/* broker/broker_log.c - the broker's log lines: "broker: ..." built in a
 * fixed buffer (a long line is cut, never overrun), topics and client ids
 * printed with anything outside printable ASCII as '.', a connection named
 * by its session's client id (else "badge N"), and handed to the
 * transport's log function. */
#include "broker_int.h"

#include <string.h>

static void put(struct line *l, char c)
{
    if (l->n < sizeof l->buf)
        l->buf[l->n++] = c;
}

void line_str(struct line *l, const char *s)
{
    while (*s)
        put(l, *s++);
}

void line_start(struct line *l)
{
    l->n = 0;
    line_str(l, "broker: ");
}

void line_bytes(struct line *l, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(l, p[i] >= 32 && p[i] <= 126 ? (char)p[i] : '.');
}

void line_uint(struct line *l, unsigned long v)
{
    char d[24];
    size_t k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        put(l, d[--k]);
}

void line_client(struct line *l, const struct broker *br, unsigned c)
{
    const struct broker_conn *cn = &br->conns[c];
    const struct broker_session *ss = cn->session ? &br->sessions[cn->session - 1] : NULL;
    if (ss && ss->id_len) {
        line_bytes(l, (const uint8_t *)ss->id, ss->id_len);
    } else {
        line_str(l, br->ops.client_word ? br->ops.client_word : "client");
        put(l, ' ');
        line_uint(l, c);
    }
}

void line_emit(struct line *l, const struct broker *br)
{
    if (br->ops.log)
        br->ops.log(br->ops.ctx, l->buf, l->n);
    l->n = 0;
}

void broker_log_client(struct broker *br, unsigned c, const char *what)
{
    struct line l;
    line_start(&l);
    line_client(&l, br, c);
    line_str(&l, what);
    line_emit(&l, br);
}

void broker_log(struct broker *br, const char *text)
{
    struct line l;
    line_start(&l);
    line_str(&l, text);
    line_emit(&l, br);
}
