/* broker/mqtt_topic.c - topic filter syntax and matching (mqtt_topic.h). */
#include "mqtt_topic.h"

#include <string.h>

bool mqtt_filter_valid(const uint8_t *f, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (f[i] != '+' && f[i] != '#')
            continue;
        if (i > 0 && f[i - 1] != '/')
            return false;               /* a wildcard starts its level ... */
        if (f[i] == '#' && i != n - 1)
            return false;               /* ... '#' is the last byte ... */
        if (f[i] == '+' && i != n - 1 && f[i + 1] != '/')
            return false;               /* ... '+' ends its level */
    }
    return true;
}

bool mqtt_topic_valid(const uint8_t *t, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (t[i] == '+' || t[i] == '#')
            return false;
    return true;
}

/* End of the level that starts at i (the index of its '/' or n). */
static size_t level_end(const uint8_t *s, size_t n, size_t i)
{
    while (i < n && s[i] != '/')
        i++;
    return i;
}

bool mqtt_topic_match(const uint8_t *f, size_t fn, const uint8_t *t, size_t tn)
{
    if (tn > 0 && t[0] == '$' && fn > 0 && (f[0] == '+' || f[0] == '#'))
        return false;
    size_t fi = 0, ti = 0;
    for (;;) {
        size_t fe = level_end(f, fn, fi), te = level_end(t, tn, ti);
        bool plus = fe - fi == 1 && f[fi] == '+';
        if (fe - fi == 1 && f[fi] == '#')
            return true;                /* the rest, whatever it is */
        if (!plus && (fe - fi != te - ti || memcmp(f + fi, t + ti, fe - fi) != 0))
            return false;
        bool f_done = fe == fn, t_done = te == tn;
        if (f_done && t_done)
            return true;
        if (t_done)                     /* only a final "/#" still matches */
            return fn - fe == 2 && f[fe + 1] == '#';
        if (f_done)
            return false;
        fi = fe + 1;
        ti = te + 1;
    }
}
