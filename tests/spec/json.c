/*
 * json.c - recursive-descent JSON parser for wast2json output. The input is
 * trusted test data produced by a tool, nested a few levels deep.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t pos;
    int bad;
} jp_t;

static void ws(jp_t *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\n' || p->s[p->pos] == '\t' ||
           p->s[p->pos] == '\r')
        p->pos++;
}

static json_t *node(json_kind_t k)
{
    json_t *j = calloc(1, sizeof *j);
    if (j)
        j->kind = k;
    return j;
}

static void put_utf8(char *out, size_t *n, unsigned cp)
{
    if (cp < 0x80) {
        out[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*n)++] = (char)(0xc0 | (cp >> 6));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out[(*n)++] = (char)(0xe0 | (cp >> 12));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else {
        out[(*n)++] = (char)(0xf0 | (cp >> 18));
        out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    }
}

static int hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
        else return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

static char *string(jp_t *p, size_t *outlen)
{
    if (p->s[p->pos] != '"') {
        p->bad = 1;
        return NULL;
    }
    p->pos++;
    size_t start = p->pos, len = 0;
    while (p->s[p->pos] && p->s[p->pos] != '"') {
        if (p->s[p->pos] == '\\' && p->s[p->pos + 1])
            p->pos++;
        p->pos++;
        len++;
    }
    if (p->s[p->pos] != '"') {
        p->bad = 1;
        return NULL;
    }
    char *out = malloc(len * 4 + 1);
    size_t n = 0;
    for (size_t i = start; i < p->pos; i++) {
        char c = p->s[i];
        if (c != '\\') {
            out[n++] = c;
            continue;
        }
        c = p->s[++i];
        switch (c) {
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'u': {
            unsigned cp;
            if (!hex4(p->s + i + 1, &cp)) {
                p->bad = 1;
                break;
            }
            i += 4;
            unsigned lo;
            if (cp >= 0xd800 && cp < 0xdc00 && p->s[i + 1] == '\\' && p->s[i + 2] == 'u' &&
                hex4(p->s + i + 3, &lo) && lo >= 0xdc00 && lo < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                i += 6;
            }
            put_utf8(out, &n, cp);
            break;
        }
        default: out[n++] = c; break;
        }
    }
    out[n] = 0;
    p->pos++;
    if (outlen)
        *outlen = n;
    return out;
}

static json_t *value(jp_t *p);

static json_t *list(jp_t *p, int obj)
{
    json_t *j = node(obj ? JSON_OBJ : JSON_ARR);
    size_t cap = 0;
    p->pos++;
    ws(p);
    if (p->s[p->pos] == (obj ? '}' : ']')) {
        p->pos++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        ws(p);
        if (obj) {
            key = string(p, NULL);
            ws(p);
            if (p->bad || p->s[p->pos] != ':') {
                free(key);
                p->bad = 1;
                return j;
            }
            p->pos++;
        }
        json_t *v = value(p);
        if (j->n == cap) {
            cap = cap ? cap * 2 : 8;
            j->items = realloc(j->items, cap * sizeof *j->items);
            if (obj)
                j->keys = realloc(j->keys, cap * sizeof *j->keys);
        }
        j->items[j->n] = v;
        if (obj)
            j->keys[j->n] = key;
        j->n++;
        if (p->bad || !v)
            return j;
        ws(p);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == (obj ? '}' : ']')) {
            p->pos++;
            return j;
        }
        p->bad = 1;
        return j;
    }
}

static json_t *value(jp_t *p)
{
    ws(p);
    char c = p->s[p->pos];
    if (c == '{' || c == '[')
        return list(p, c == '{');
    if (c == '"') {
        json_t *j = node(JSON_STR);
        j->str = string(p, &j->len);
        return j;
    }
    if (!strncmp(p->s + p->pos, "true", 4) || !strncmp(p->s + p->pos, "false", 5)) {
        json_t *j = node(JSON_BOOL);
        j->b = c == 't';
        p->pos += j->b ? 4 : 5;
        return j;
    }
    if (!strncmp(p->s + p->pos, "null", 4)) {
        p->pos += 4;
        return node(JSON_NULL);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        size_t st = p->pos;
        while (strchr("+-0123456789.eE", p->s[p->pos]) && p->s[p->pos])
            p->pos++;
        json_t *j = node(JSON_NUM);
        j->str = strndup(p->s + st, p->pos - st);
        return j;
    }
    p->bad = 1;
    return NULL;
}

json_t *json_parse(const char *text, size_t *errpos)
{
    jp_t p = { text, 0, 0 };
    json_t *j = value(&p);
    ws(&p);
    if (p.bad || !j || p.s[p.pos]) {
        if (errpos)
            *errpos = p.pos;
        json_free(j);
        return NULL;
    }
    return j;
}

void json_free(json_t *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++) {
        json_free(j->items[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    free(j);
}

const json_t *json_get(const json_t *obj, const char *key)
{
    if (!obj || obj->kind != JSON_OBJ)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (obj->keys[i] && !strcmp(obj->keys[i], key))
            return obj->items[i];
    return NULL;
}

const char *json_str(const json_t *obj, const char *key)
{
    const json_t *v = json_get(obj, key);
    return v && v->kind == JSON_STR ? v->str : NULL;
}

const char *json_strn(const json_t *obj, const char *key, size_t *len)
{
    const json_t *v = json_get(obj, key);
    if (!v || v->kind != JSON_STR)
        return NULL;
    *len = v->len;
    return v->str;
}
