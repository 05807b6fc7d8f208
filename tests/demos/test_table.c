/*
 * test_table.c - host check of the generated demo table (demos_blob.c):
 * prints one line per row for tests/demos/run.sh to compare with the .wat
 * files, and checks what the kernel will rely on (wasm magic, counts,
 * limits, group order). Exit status 1 on any broken row.
 */
#include <stdio.h>
#include <string.h>
#include "demos.h"

int main(void)
{
    int bad = 0;
    for (uint32_t i = 0; i < demo_count; i++) {
        const demo_image_t *d = &demo_images[i];
        if (d->wasm_len < 8 || memcmp(d->wasm, "\0asm", 4) != 0) {
            printf("BAD %s: not a wasm module\n", d->name);
            bad = 1;
        }
        if (d->ncaps > DEMO_MAX_CAPS || (d->ncaps && !d->caps) || d->prio < 1 || d->prio > 63 ||
            d->autostart > 1 || (!d->autostart && d->ncaps)) {
            printf("BAD %s: caps or prio out of range\n", d->name);
            bad = 1;
        }
        if (i > 0 && strcmp(demo_images[i - 1].group, d->group) > 0) {
            printf("BAD %s: table not sorted by group\n", d->name);
            bad = 1;
        }
        for (uint32_t c = 0; c < d->ncaps; c++)
            if (!d->caps[c].object != !(d->caps[c].type == DEMO_CAP_ENDPOINT ||
                                         d->caps[c].type == DEMO_CAP_NOTIFICATION)) {
                printf("BAD %s: cap %u object name\n", d->name, c);
                bad = 1;
            }
        printf("%s %s %u %u %u %u %u %u\n", d->name, d->group, d->wasm_len, d->ncaps,
               d->nexpect, d->nexpect_not, d->nexpect_kernel, d->autostart);
    }
    return bad;
}
