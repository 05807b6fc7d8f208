/*
 * test_fdt_host.c - host test of fdt.c (suite arm64-fdt), built with
 * ASan/UBSan: parse a device tree QEMU dumped (-M virt,dumpdtb=) and check
 * RAM, the reserved tree and /chosen/bootargs; then parse 20000 damaged
 * copies (random bytes, header fields, truncated blocks) and check each
 * either fails cleanly or yields sane ranges, never reading outside the
 * blob (ASan would stop the run).
 *
 * Usage: test_fdt_host DTB RAM_MIB BOOTARGS RESULTS_FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "boot/info.h"

int arm64_fdt_parse(uintptr_t dtb, boot_info_t *bi, const char **bootargs);

#define BLOB_MAX (2u << 20)     /* fdt.c refuses trees larger than this */

static int quiet;
void arm64_early_puts(const char *s)
{
    if (!quiet)
        fputs(s, stdout);
}

static int passed, failed;
#define CHECK(c, ...) do { if (c) passed++; else { failed++; printf("FAILED: " __VA_ARGS__); printf("\n"); } } while (0)

static uint32_t rng = 12345;
static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
    return rng;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s DTB RAM_MIB BOOTARGS RESULTS\n", argv[0]);
        return 2;
    }
    uint8_t *good = calloc(1, BLOB_MAX), *blob = malloc(BLOB_MAX);
    FILE *f = fopen(argv[1], "rb");
    if (!good || !blob || !f) {
        perror(argv[1]);
        free(good);
        free(blob);
        return 2;
    }
    size_t n = fread(good, 1, BLOB_MAX, f);
    fclose(f);
    uint64_t ram = strtoull(argv[2], NULL, 0) << 20;

    boot_info_t bi;
    const char *args;
    memset(&bi, 0, sizeof bi);
    CHECK(arm64_fdt_parse((uintptr_t)good, &bi, &args) == 0, "the good tree parses");
    CHECK(bi.nram == 1 && bi.ram[0].base == 0x40000000 && bi.ram[0].len == ram,
          "RAM is 0x40000000 + %s MiB (got %u ranges, %llx+%llx)", argv[2], bi.nram,
          (unsigned long long)bi.ram[0].base, (unsigned long long)bi.ram[0].len);
    CHECK(bi.nreserved >= 1 && bi.reserved[0].base == (uintptr_t)good &&
          bi.reserved[0].len > 0 && bi.reserved[0].len <= n, "the tree itself is reserved");
    CHECK(args && strcmp(args, argv[3]) == 0, "bootargs '%s' (got '%s')", argv[3],
          args ? args : "(none)");
    /* Not a tree at all. */
    memset(blob, 0, BLOB_MAX);
    memset(&bi, 0, sizeof bi);
    quiet = 1;
    CHECK(arm64_fdt_parse((uintptr_t)blob, &bi, &args) == -1, "zeroes are refused");

    /* Damaged copies. */
    uint32_t size = (uint32_t)good[4] << 24 | good[5] << 16 | good[6] << 8 | good[7];
    int ok = 0, refused = 0, bad = 0;
    for (int i = 0; i < 20000; i++) {
        memcpy(blob, good, BLOB_MAX);
        int kind = (int)(next() % 4);
        if (kind == 0) {            /* random bytes anywhere in the tree */
            for (int k = 1 + (int)(next() % 8); k > 0; k--)
                blob[next() % size] = (uint8_t)next();
        } else if (kind == 1) {     /* one header field */
            put_be32(blob + 4 * (1 + next() % 9), next() % 4 ? next() % (BLOB_MAX + 64) : next());
        } else if (kind == 2) {     /* a token or length in the structure block */
            uint32_t off = 0x40 + (next() % 1500) * 4;
            put_be32(blob + off, next() % 3 ? next() % 16 : next());
        } else {                    /* the blob ends early */
            uint32_t cut = next() % size;
            memset(blob + cut, 0, BLOB_MAX - cut);
        }
        memset(&bi, 0xa5, sizeof bi);
        bi.nram = bi.nreserved = 0;
        int r = arm64_fdt_parse((uintptr_t)blob, &bi, &args);
        if (r == -1) {
            refused++;
        } else if (r == 0 && bi.nram >= 1 && bi.nram <= BOOT_MAX_RANGES &&
                   bi.nreserved <= BOOT_MAX_RANGES &&
                   (!args || ((const uint8_t *)args >= blob &&
                              (const uint8_t *)args < blob + BLOB_MAX &&
                              memchr(args, 0, blob + BLOB_MAX - (const uint8_t *)args)))) {
            ok++;
        } else {
            bad++;
        }
    }
    quiet = 0;
    printf("arm64-fdt: 20000 damaged trees: %d parsed, %d refused, %d insane\n", ok, refused, bad);
    CHECK(bad == 0, "every damaged tree is refused or gives sane ranges");
    CHECK(refused > 1000, "damage is noticed (%d refused)", refused);

    f = fopen(argv[4], "w");
    if (f) {
        fprintf(f, "%d %d 0\n", passed, failed);
        fclose(f);
    }
    printf("arm64-fdt: %d passed, %d failed, 0 skipped\n", passed, failed);
    free(good);
    free(blob);
    return failed ? 1 : 0;
}
