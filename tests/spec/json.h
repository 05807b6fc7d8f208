/*
 * json.h - a small JSON reader for wast2json output (tests/spec only).
 * Numbers are kept as their text (the spec JSON puts values in strings
 * anyway); objects keep their keys in order.
 */
#ifndef SPEC_JSON_H
#define SPEC_JSON_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ } json_kind_t;

typedef struct json json_t;
struct json {
    json_kind_t kind;
    char *str;          /* JSON_STR text (NUL-terminated), JSON_NUM text */
    size_t len;         /* bytes in str (a JSON string may contain \u0000) */
    int b;              /* JSON_BOOL */
    json_t **items;     /* JSON_ARR elements / JSON_OBJ members (values) */
    char **keys;        /* JSON_OBJ keys */
    size_t n;
};

/* Parse text (NUL-terminated). NULL on a syntax error (*errpos set). */
json_t *json_parse(const char *text, size_t *errpos);
void json_free(json_t *j);
/* Member of an object, or NULL. */
const json_t *json_get(const json_t *obj, const char *key);
/* String member, or NULL when absent or not a string. */
const char *json_str(const json_t *obj, const char *key);
/* The same with the string's length in *len. */
const char *json_strn(const json_t *obj, const char *key, size_t *len);

#endif
