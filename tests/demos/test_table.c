/*
 * test_table.c - host check of the demo table as the kernel will see it:
 * reads the archive pack.py wrote (test_table FILE.pak), runs the kernel's
 * own parser on it (src/boot/archive.c: bootpack_check, bootpack_build)
 * and prints one line per demo row for tests/demos/run.sh to compare with
 * the .wat files; checks what the kernel will rely on (wasm magic, counts,
 * limits, group order). Exit status 1 on a refused archive or a broken row.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "boot/archive.h"

/* The one klib function the parser needs beyond the C library's. */
int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    return vsnprintf(buf, n, fmt, ap);
}

int main(int argc, char **argv)
{
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f) {
        fprintf(stderr, "usage: test_table FILE.pak\n");
        return 1;
    }
    static uint8_t buf[16 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    bootpack_info_t info;
    char err[128];
    if (bootpack_check(buf, len, &info, err, sizeof err)) {
        printf("BAD archive: %s\n", err);
        return 1;
    }
    bootpack_t t;
    void *mem = malloc(info.mem_size ? info.mem_size : 1);
    bootpack_build(buf, &info, mem, &t);
    int bad = 0;
    for (uint32_t i = 0; i < t.ndemos; i++) {
        const bootmod_t *d = &t.demos[i];
        if (d->wasm_len < 8 || memcmp(d->wasm, "\0asm", 4) != 0) {
            printf("BAD %s: not a wasm module\n", d->name);
            bad = 1;
        }
        if (d->ncaps > BOOTMOD_MAX_CAPS || (d->ncaps && !d->caps) || d->prio < 1 || d->prio > 63 ||
            d->autostart > 1 || (!d->autostart && d->ncaps)) {
            printf("BAD %s: caps or prio out of range\n", d->name);
            bad = 1;
        }
        if (i > 0 && strcmp(t.demos[i - 1].group, d->group) > 0) {
            printf("BAD %s: table not sorted by group\n", d->name);
            bad = 1;
        }
        for (uint32_t c = 0; c < d->ncaps; c++)
            if (!d->caps[c].object != !(d->caps[c].type == BOOTMOD_CAP_ENDPOINT ||
                                         d->caps[c].type == BOOTMOD_CAP_NOTIFICATION)) {
                printf("BAD %s: cap %u object name\n", d->name, c);
                bad = 1;
            }
        printf("%s %s %u %u %u %u %u %u\n", d->name, d->group, d->wasm_len, d->ncaps,
               d->nexpect, d->nexpect_not, d->nexpect_kernel, d->autostart);
    }
    free(mem);
    return bad;
}
