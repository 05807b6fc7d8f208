/*
 * cmdline.c - reading the kernel command line: words separated by spaces,
 * each either "key" or "key=value". The one parser every part of the
 * kernel uses (boot modes, demo selection, arch self-test options).
 */
#include "klib.h"

const char *kcmdline_get(const char *cmdline, const char *key, char *buf, size_t n)
{
    size_t kn = strlen(key);
    if (!cmdline || n == 0)
        return NULL;
    for (const char *p = cmdline; *p;) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if ((size_t)(p - w) < kn || strncmp(w, key, kn) != 0 || (w + kn != p && w[kn] != '='))
            continue;
        const char *v = w + kn == p ? p : w + kn + 1;
        size_t len = (size_t)(p - v) < n - 1 ? (size_t)(p - v) : n - 1;
        memcpy(buf, v, len);
        buf[len] = 0;
        return buf;
    }
    return NULL;
}

bool kcmdline_has(const char *cmdline, const char *key)
{
    char none[1];
    return kcmdline_get(cmdline, key, none, sizeof none) != NULL;
}
