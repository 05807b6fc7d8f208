/*
 * test_bootpack.c - host unit tests of the boot-module archive parser
 * (src/boot/archive.c), run under ASan/UBSan. A small writer here makes
 * archives of the format of docs/bootpack.md: a valid one must parse into
 * exactly the tables it describes; malformed ones (truncated, bad magic or
 * version, areas and records out of bounds, huge counts, overflowing
 * ranges, a string area without its NUL, bad fields, unsorted or twice
 * named modules) must be refused with a message. The real archive the
 * build made (argument 3, build/<arch>/jericho.pak) must parse, and every
 * truncation and 30000 random mutations of it must be refused or parse
 * into tables that stay inside the archive (every string and module byte
 * is read back, so ASan sees any stray pointer).
 *
 *   test_bootpack SUITE COUNTS-FILE [ARCHIVE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "boot/archive.h"
#include "wasm.h"
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

void arch_putc(char c) { (void)c; }

static int failures;
#define CHECK(c) do { if (!(c)) { printf("    %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

/* ---- a writer -------------------------------------------------------------- */
static uint8_t img[65536];
static uint32_t ilen;

static void put32_at(uint32_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        img[off + i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get32_at(uint32_t off)
{
    return (uint32_t)img[off] | (uint32_t)img[off + 1] << 8 | (uint32_t)img[off + 2] << 16 |
           (uint32_t)img[off + 3] << 24;
}
static void put32(uint32_t v) { put32_at(ilen, v); ilen += 4; }
static void put64(uint64_t v) { put32((uint32_t)v); put32((uint32_t)(v >> 32)); }

/* The string area: offsets of the strings used below. */
enum { S_EMPTY = 0 };
static const char strs[] =
    "\0alpha\0beta\0grp\0ep\0hello\0no\0kernel line\0bench-a\0console:w ep:ep:rw\0-simd  -gc"
    "\0-simd gc\0simd";
static uint32_t sref(const char *s)
{
    for (uint32_t i = 0; i < sizeof strs; i += (uint32_t)strlen(strs + i) + 1)
        if (strcmp(strs + i, s) == 0)
            return i;
    abort();
}

/* Header field offsets (docs/bootpack.md). */
enum { H_FILE_LEN = 12, H_STR_OFF = 16, H_STR_LEN = 20, H_DATA_OFF = 24, H_DATA_LEN = 28,
       H_MOD_OFF = 32, H_NMODS = 36, H_CAP_OFF = 40, H_NCAPS = 44, H_LINE_OFF = 48,
       H_NLINES = 52, H_RESERVED = 56, H_FLAGS = 60 };
static uint32_t mod_off, cap_off, line_off, str_off, data_off;

static void module(uint32_t table, const char *name, const char *group, uint32_t woff,
                   uint32_t wlen, uint32_t cap_first, uint32_t ncaps, uint32_t l0, uint32_t n0,
                   uint32_t n1, uint32_t n2, uint32_t prio, uint32_t autostart)
{
    put32(table); put32(sref(name)); put32(sref(group));
    put32(table == BOOTPACK_TABLE_BENCH ? S_EMPTY : sref("console:w ep:ep:rw"));
    put32(woff); put32(wlen); put32(cap_first); put32(ncaps);
    put32(l0); put32(n0); put32(l0 + n0); put32(n1); put32(l0 + n0 + n1); put32(n2);
    put32(prio); put32(table == BOOTPACK_TABLE_BENCH ? 0 : 250); put32(autostart); put32(0);
    put32(l0); put32(n0);       /* WASI args: the expect lines again */
    put32(0); put32(0);         /* no environment */
    put32(0);                   /* cspace: the default */
}

/* A valid archive: demos alpha and beta (group grp), hostile alpha (its own
 * table: the same name is fine), bench bench-a. */
static void make_valid(void)
{
    memset(img, 0, sizeof img);
    memcpy(img, "JPAK", 4);
    ilen = 4;
    put32(BOOTPACK_VERSION); put32(BOOTPACK_HEADER_LEN);
    ilen = BOOTPACK_HEADER_LEN;
    mod_off = ilen;
    module(0, "alpha", "grp", 0, 8, 0, 2, 0, 1, 1, 1, 10, 1);
    module(0, "beta", "grp", 16, 9, 2, 0, 3, 0, 0, 0, 63, 0);
    module(1, "alpha", "alpha", 32, 8, 2, 1, 3, 1, 0, 0, 1, 1);
    module(2, "bench-a", "bench-a", 48, 8, 0, 0, 0, 0, 0, 0, 0, 0);
    put32_at(mod_off + BOOTPACK_MODULE_LEN + 68, sref("-simd  -gc"));  /* beta's features: */
    cap_off = ilen;
    put32(BOOTMOD_CAP_CONSOLE); put32(BOOTMOD_RIGHT_WRITE); put64(0); put32(BOOTPACK_NONE); put32(0);
    put32(BOOTMOD_CAP_ENDPOINT); put32(3); put64(0x1234567890ull); put32(sref("ep")); put32(0);
    put32(BOOTMOD_CAP_ENDPOINT); put32(1); put64(0); put32(sref("ep")); put32(0);
    line_off = ilen;
    put32(sref("hello")); put32(sref("no")); put32(sref("kernel line")); put32(sref("hello"));
    str_off = ilen;
    memcpy(img + ilen, strs, sizeof strs);
    ilen += sizeof strs;
    ilen = (ilen + 15) & ~15u;
    data_off = ilen;
    for (int m = 0; m < 4; m++) {
        memcpy(img + data_off + 16 * m, "\0asm\1\0\0\0", 8);
        img[data_off + 16 * m + 8] = (uint8_t)m;
    }
    ilen += 64;
    put32_at(H_FILE_LEN, ilen);
    put32_at(H_STR_OFF, str_off); put32_at(H_STR_LEN, sizeof strs);
    put32_at(H_DATA_OFF, data_off); put32_at(H_DATA_LEN, 64);
    put32_at(H_MOD_OFF, mod_off); put32_at(H_NMODS, 4);
    put32_at(H_CAP_OFF, cap_off); put32_at(H_NCAPS, 3);
    put32_at(H_LINE_OFF, line_off); put32_at(H_NLINES, 4);
    put32_at(H_RESERVED, BOOTPACK_NONE); put32_at(H_FLAGS, 0);
}

/* Check copy[0..len) where it is (and, if valid, build and read back
 * everything): the caller makes sure no byte past len is addressable. */
static unsigned long sink;
static kerr_t parse_here(const uint8_t *copy, size_t len, bootpack_info_t *info, bootpack_t *out,
                         char *err, void **mem_out)
{
    static char e[128];
    kerr_t r = bootpack_check(copy, len, info, err ? err : e, 128);
    if (r == KERR_OK) {
        void *mem = malloc(info->mem_size ? info->mem_size : 1);
        bootpack_t t;
        bootpack_build(copy, info, mem, &t);
        const bootmod_t *tabs[2] = {t.demos, t.hostile};
        uint32_t ns[2] = {t.ndemos, t.nhostile};
        for (int k = 0; k < 2; k++)
            for (uint32_t i = 0; i < ns[k]; i++) {
                const bootmod_t *d = &tabs[k][i];
                sink += strlen(d->name) + strlen(d->group) + strlen(d->caps_text);
                for (uint32_t j = 0; j < d->wasm_len; j++)
                    sink += d->wasm[j];
                for (uint32_t j = 0; j < d->ncaps; j++)
                    sink += d->caps[j].object ? strlen(d->caps[j].object) : 0;
                for (uint32_t j = 0; j < d->nexpect; j++)
                    sink += strlen(d->expect[j]);
                for (uint32_t j = 0; j < d->nexpect_not; j++)
                    sink += strlen(d->expect_not[j]);
                for (uint32_t j = 0; j < d->nexpect_kernel; j++)
                    sink += strlen(d->expect_kernel[j]);
                for (uint32_t j = 0; j < d->nargs; j++)
                    sink += strlen(d->args[j]);
                for (uint32_t j = 0; j < d->nenv; j++)
                    sink += strlen(d->env[j]);
            }
        for (uint32_t i = 0; i < t.nbench; i++) {
            sink += strlen(t.bench[i].name);
            for (uint32_t j = 0; j < t.bench[i].len; j++)
                sink += t.bench[i].wasm[j];
        }
        if (out && mem_out) {
            *out = t;
            *mem_out = mem;
            return r;
        }
        free(mem);
    }
    return r;
}

/* parse_here on a copy of buf[0..len) in an exact-size heap block. */
static uint8_t *kept_copy;      /* the archive copy a returned table points into */
static kerr_t parse_copy(const uint8_t *buf, size_t len, bootpack_info_t *info, bootpack_t *out,
                         char *err, void **mem_out)
{
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, buf, len);
    kerr_t r = parse_here(copy, len, info, out, err, mem_out);
    if (r == KERR_OK && out && mem_out)
        kept_copy = copy;       /* the tables point into it: the caller frees it */
    else
        free(copy);
    return r;
}

static kerr_t check_img(void)
{
    bootpack_info_t info;
    return parse_copy(img, ilen, &info, NULL, NULL, NULL);
}

/* ---- the tests ----------------------------------------------------------------- */
static void test_valid(void)
{
    make_valid();
    bootpack_info_t info;
    bootpack_t t;
    void *mem = NULL;
    char err[128] = "";
    CHECK(parse_copy(img, ilen, &info, &t, err, &mem) == KERR_OK);
    if (!mem) {
        printf("    refused: %s\n", err);
        return;
    }
    CHECK(info.ndemos == 2 && info.nhostile == 1 && info.nbench == 1);
    CHECK(info.ncaps == 3 && info.nlines == 4 && info.file_len == ilen);
    CHECK(info.wasm_bytes == 8 + 9 + 8 + 8);
    CHECK(t.ndemos == 2 && strcmp(t.demos[0].name, "alpha") == 0 &&
          strcmp(t.demos[1].name, "beta") == 0 && strcmp(t.demos[0].group, "grp") == 0);
    const bootmod_t *a = &t.demos[0];
    CHECK(a->wasm_len == 8 && memcmp(a->wasm, "\0asm", 4) == 0 && a->wasm[8 - 1] == 0);
    CHECK(a->ncaps == 2 && a->caps[0].type == BOOTMOD_CAP_CONSOLE && a->caps[0].object == NULL);
    CHECK(a->caps[1].type == BOOTMOD_CAP_ENDPOINT && a->caps[1].rights == 3 &&
          a->caps[1].badge == 0x1234567890ull && strcmp(a->caps[1].object, "ep") == 0);
    CHECK(a->nexpect == 1 && strcmp(a->expect[0], "hello") == 0);
    CHECK(a->nexpect_not == 1 && strcmp(a->expect_not[0], "no") == 0);
    CHECK(a->nexpect_kernel == 1 && strcmp(a->expect_kernel[0], "kernel line") == 0);
    CHECK(a->nargs == 1 && strcmp(a->args[0], "hello") == 0 && a->nenv == 0 && !a->env);
    CHECK(a->prio == 10 && a->cpu_budget_ms == 250 && a->autostart == 1);
    CHECK(strcmp(a->caps_text, "console:w ep:ep:rw") == 0);
    CHECK(a->features == WASM_FEATURES_ALL);
    CHECK(t.demos[1].features == (WASM_FEATURES_ALL & ~(WASM_FEATURE_SIMD | WASM_FEATURE_GC)));
    const bootmod_t *b = &t.demos[1];
    CHECK(b->ncaps == 0 && b->caps == NULL && b->nexpect == 0 && b->expect == NULL);
    CHECK(b->autostart == 0 && b->prio == 63 && b->wasm_len == 9 && b->wasm[8] == 1);
    CHECK(t.nhostile == 1 && t.hostile[0].ncaps == 1 && t.hostile[0].caps[0].rights == 1 &&
          t.hostile[0].nexpect == 1 && strcmp(t.hostile[0].expect[0], "hello") == 0);
    CHECK(t.nbench == 1 && strcmp(t.bench[0].name, "bench-a") == 0 && t.bench[0].len == 8 &&
          t.bench[0].wasm[8 - 1] == 0);
    free(mem);
    free(kept_copy);

    /* Loaded with slack behind (a loader rounding up): fine. */
    make_valid();
    bootpack_info_t i2;
    CHECK(parse_copy(img, ilen + 100, &i2, NULL, NULL, NULL) == KERR_OK && i2.file_len == ilen);
}

static void test_header(void)
{
    char err[128];
    bootpack_info_t info;
    make_valid();
    CHECK(bootpack_check(NULL, 0, &info, err, sizeof err) != KERR_OK);
    for (uint32_t n = 0; n < ilen; n++)               /* every truncation */
        CHECK(parse_copy(img, n, &info, NULL, err, NULL) != KERR_OK);
    CHECK(parse_copy(img, 10, &info, NULL, err, NULL) != KERR_OK && strstr(err, "header"));
    img[0] = 'X';
    CHECK(parse_copy(img, ilen, &info, NULL, err, NULL) != KERR_OK && strstr(err, "magic"));
    make_valid(); put32_at(4, BOOTPACK_VERSION + 1);
    CHECK(parse_copy(img, ilen, &info, NULL, err, NULL) != KERR_OK && strstr(err, "version"));
    make_valid(); put32_at(4, 2);                      /* 88-byte records, no cspace */
    CHECK(parse_copy(img, ilen, &info, NULL, err, NULL) != KERR_OK && strstr(err, "version 2"));
    make_valid(); put32_at(8, 80);
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(H_FLAGS, 1);
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(H_FILE_LEN, ilen + 1);      /* longer than loaded */
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(H_FILE_LEN, 10);
    CHECK(check_img() != KERR_OK);
}

static void test_areas(void)
{
    static const uint32_t fields[] = {H_STR_OFF, H_STR_LEN, H_DATA_OFF, H_DATA_LEN, H_MOD_OFF,
                                      H_NMODS, H_CAP_OFF, H_NCAPS, H_LINE_OFF, H_NLINES};
    static const uint32_t values[] = {0, 8, 63, 0xfff0, 0x7fffffff, 0x80000000, 0xffffffc0,
                                      0xffffffff};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            make_valid();
            uint32_t old = get32_at(fields[f]);
            if (values[v] == old)
                continue;
            put32_at(fields[f], values[v]);
            kerr_t r = check_img();
            /* Still valid: no modules at all, or a data area that still
             * holds every module's bytes (the last ends at 56) inside the
             * file. Everything else is out of bounds or cuts a record off. */
            bool fine = (fields[f] == H_NMODS && values[v] == 0) ||
                        (fields[f] == H_DATA_LEN && values[v] >= 56 && values[v] <= ilen - data_off);
            if ((r == KERR_OK) != fine)
                printf("    field %u = %#x %s\n", fields[f], values[v], fine ? "refused" : "accepted"),
                    failures++;
        }
    char err[128];
    bootpack_info_t info;
    make_valid(); put32_at(H_NMODS, 0x10000);          /* huge counts */
    CHECK(parse_copy(img, ilen, &info, NULL, err, NULL) != KERR_OK && strstr(err, "too many"));
    make_valid(); put32_at(H_NLINES, 0xffffffff);
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(H_RESERVED, 0);             /* the reserved word must be NONE */
    CHECK(check_img() != KERR_OK);
}

static void test_strings(void)
{
    char err[128];
    bootpack_info_t info;
    make_valid();
    img[str_off + sizeof strs - 1] = 'x';              /* the last string loses its NUL */
    CHECK(parse_copy(img, ilen, &info, NULL, err, NULL) != KERR_OK && strstr(err, "NUL"));
    make_valid(); put32_at(H_STR_LEN, 0);
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(mod_off + 4, sizeof strs);  /* name just outside */
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(mod_off + 4, S_EMPTY);      /* empty name */
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(line_off + 8, 0x7fffffff);  /* an expect line */
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(cap_off + 24 + 16, 0xfffffffe);  /* a cap's object */
    CHECK(check_img() != KERR_OK);
}

/* Set field `off` of module record m to v and expect a refusal. */
static void bad_mod(uint32_t m, uint32_t off, uint32_t v)
{
    make_valid();
    put32_at(mod_off + m * BOOTPACK_MODULE_LEN + off, v);
    if (check_img() == KERR_OK)
        printf("    module %u field %u = %#x accepted\n", m, off, v), failures++;
}

static void test_modules(void)
{
    bad_mod(0, 0, 3);                       /* unknown table */
    bad_mod(0, 16, 60);                     /* wasm past the data area */
    bad_mod(0, 16, 0xfffffffc);             /* offset + length overflows */
    bad_mod(0, 20, 0xffffffff);
    bad_mod(0, 20, 4);                      /* too short for a module */
    bad_mod(0, 24, 2);                      /* caps 2..3 of 3 */
    bad_mod(0, 24, 0xffffffff);             /* first + count overflows */
    bad_mod(0, 28, 33);                     /* more than BOOTMOD_MAX_CAPS */
    bad_mod(0, 32, 4);                      /* expect lines past the end */
    bad_mod(0, 36, 0xffffffff);
    bad_mod(0, 40, 0xfffffffe);
    bad_mod(0, 52, 4);
    bad_mod(0, 56, 0);                      /* prio */
    bad_mod(0, 56, 64);
    bad_mod(0, 60, 60001);                  /* budget */
    bad_mod(0, 64, 2);                      /* autostart */
    bad_mod(2, 64, 0);                      /* start: no with caps */
    bad_mod(0, 68, sref("hello"));          /* features: an unknown one */
    bad_mod(0, 68, sref("-simd gc"));       /* features: all but, and only */
    bad_mod(0, 68, 0xfffffff0);             /* features: no string */
    bad_mod(3, 68, sref("simd"));           /* a bench module with features */
    bad_mod(0, 76, 5);                      /* args past the end of the lines */
    bad_mod(0, 72, 0xffffffff);             /* args: first + count overflows */
    bad_mod(0, 84, 5);                      /* env past the end */
    bad_mod(0, 88, 1);                      /* cspace: below BOOTMOD_MAX_CAPS */
    bad_mod(0, 88, BOOTMOD_MAX_CAPS - 1);
    bad_mod(0, 88, BOOTMOD_CSPACE_MAX + 1); /* ... above the kernel's bound */
    bad_mod(0, 88, 0xffffffff);
    bad_mod(3, 88, 64);                     /* a bench module with a cspace */
    bad_mod(3, 76, 1);                      /* a bench module with args */
    bad_mod(3, 28, 1);                      /* a bench module with caps */
    bad_mod(3, 56, 10);                     /* ... or a priority */
    bad_mod(1, 8, sref("alpha"));           /* groups out of order: grp, alpha */
    bad_mod(1, 4, sref("alpha"));           /* two demos named alpha */
    /* caps */
    const struct { uint32_t off, v; } caps[] = {
        {0, 5}, {0, 0}, {0, 7}, {4, 8}, {20, 1},
        {16, sref("ep")},                   /* console with an object */
    };
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        make_valid();
        put32_at(cap_off + caps[i].off, caps[i].v);
        CHECK(check_img() != KERR_OK);
    }
    make_valid(); put32_at(cap_off + 24 + 16, BOOTPACK_NONE);   /* endpoint without one */
    CHECK(check_img() != KERR_OK);
    make_valid(); put32_at(cap_off + 8, 5);                     /* badge on the console */
    CHECK(check_img() != KERR_OK);
}

/* `cspace:` at both bounds is accepted and read back; 0 is the default. */
static void test_cspace(void)
{
    const uint32_t good[] = {0, BOOTMOD_MAX_CAPS, 256, BOOTMOD_CSPACE_MAX};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        make_valid();
        put32_at(mod_off + 88, good[i]);
        bootpack_info_t info;
        bootpack_t t;
        void *mem = NULL;
        CHECK(parse_copy(img, ilen, &info, &t, NULL, &mem) == KERR_OK);
        if (mem) {
            CHECK(t.ndemos == 2 && t.demos[0].cspace_slots == good[i] &&
                  t.demos[1].cspace_slots == 0);
            /* features (68) and cspace (88) are separate fields */
            CHECK(t.demos[0].features == WASM_FEATURES_ALL &&
                  t.demos[1].features == (WASM_FEATURES_ALL &
                                          ~(WASM_FEATURE_SIMD | WASM_FEATURE_GC)));
            free(mem);
            free(kept_copy);
        }
    }
}

/* ---- the real archive ------------------------------------------------------------ */
static uint8_t *real;
static size_t real_len;

static void test_real(void)
{
    bootpack_info_t info;
    char err[128] = "";
    CHECK(parse_copy(real, real_len, &info, NULL, err, NULL) == KERR_OK);
    if (*err)
        printf("    refused: %s\n", err);
    CHECK(info.ndemos > 0 && info.nhostile > 0 && info.nbench > 0 && info.file_len == real_len);
    printf("    %zu bytes: %u demos, %u hostile, %u bench, %u caps, %u lines, tables %zu bytes\n",
           real_len, info.ndemos, info.nhostile, info.nbench, info.ncaps, info.nlines,
           info.mem_size);
    /* Every truncation n, longest first. Under ASan one copy of the
     * archive serves them all: before checking n bytes, byte n is poisoned
     * too, so every byte past the truncation is unaddressable as it would
     * be in an exact-size block (use-after-poison instead of
     * heap-buffer-overflow). A fresh exact-size copy per truncation, as
     * without ASan, costs time quadratic in the archive's size (12 min
     * for 1.08 MB under ASan). */
    uint32_t accepted = 0;
#ifdef __SANITIZE_ADDRESS__
    uint8_t *copy = malloc(real_len);
    memcpy(copy, real, real_len);
    for (size_t n = real_len; n-- > 0;) {
        ASAN_POISON_MEMORY_REGION(copy + n, 1);
        CHECK(__asan_address_is_poisoned(copy + n) && (n == 0 || !__asan_address_is_poisoned(copy + n - 1)));
        accepted += parse_here(copy, n, &info, NULL, NULL, NULL) == KERR_OK;
    }
    ASAN_UNPOISON_MEMORY_REGION(copy, real_len);
    free(copy);
    printf("    %zu truncations, each with every byte past it poisoned (ASan): %u accepted\n",
           real_len, accepted);
#else
    for (size_t n = 0; n < real_len; n++)
        accepted += parse_copy(real, n, &info, NULL, NULL, NULL) == KERR_OK;
    printf("    %zu truncations, each in an exact-size copy: %u accepted\n", real_len, accepted);
#endif
    CHECK(accepted == 0);
}

static uint32_t rng = 2463534242u;
static uint32_t rnd(void)
{
    rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
    return rng;
}

/* 30000 mutants: 1 to 4 bytes changed (in the header and records most),
 * and one in 8 truncated as well. Under ASan they are made in place in one
 * copy of the archive, the tail past a truncation poisoned, and undone
 * (last change first) after each check: the same mutants as fresh
 * exact-size copies make, without copying a megabyte twice per mutant. */
static void test_mutations(void)
{
    uint8_t *buf = malloc(real_len);
    memcpy(buf, real, real_len);
    uint32_t accepted = 0;
    /* Where the records are: mutate those most (the header's areas). */
    uint32_t rec_end = real_len > 64 ? (uint32_t)real[16] | (uint32_t)real[17] << 8 |
                                           (uint32_t)real[18] << 16 : 64;
    if (rec_end > real_len)
        rec_end = (uint32_t)real_len;
    for (int round = 0; round < 30000; round++) {
        struct { uint32_t at; uint8_t old; } undo[4];
        int n = 1 + (int)(rnd() % 4);
        for (int i = 0; i < n; i++) {
            uint32_t at = rnd() % 4 ? rnd() % rec_end : rnd() % (uint32_t)real_len;
            undo[i].at = at;
            undo[i].old = buf[at];
            switch (rnd() % 4) {
            case 0: buf[at] = (uint8_t)rnd(); break;
            case 1: buf[at] ^= (uint8_t)(1u << (rnd() % 8)); break;
            case 2: buf[at] = 0xff; break;
            default: buf[at] = (uint8_t)(buf[at] + 1); break;
            }
        }
        size_t len = rnd() % 8 ? real_len : rnd() % real_len;
        bootpack_info_t info;
#ifdef __SANITIZE_ADDRESS__
        ASAN_POISON_MEMORY_REGION(buf + len, real_len - len);
        accepted += parse_here(buf, len, &info, NULL, NULL, NULL) == KERR_OK;
        ASAN_UNPOISON_MEMORY_REGION(buf, real_len);
#else
        accepted += parse_copy(buf, len, &info, NULL, NULL, NULL) == KERR_OK;
#endif
        while (n-- > 0)
            buf[undo[n].at] = undo[n].old;
    }
    CHECK(memcmp(buf, real, real_len) == 0);
    printf("    30000 mutants: %u accepted (and read back whole), the rest refused\n", accepted);
    free(buf);
}

int main(int argc, char **argv)
{
    const char *suite = argc > 1 ? argv[1] : "bootpack";
    if (argc > 3) {
        FILE *f = fopen(argv[3], "rb");
        if (f) {
            fseek(f, 0, SEEK_END);
            real_len = (size_t)ftell(f);
            fseek(f, 0, SEEK_SET);
            real = malloc(real_len ? real_len : 1);
            if (fread(real, 1, real_len, f) != real_len)
                real_len = 0;
            fclose(f);
        }
    }
    static const struct { void (*fn)(void); const char *name; bool real; } tests[] = {
        {test_valid, "a valid archive and its tables", false},
        {test_header, "truncated, bad magic/version/header/length", false},
        {test_areas, "areas out of bounds, huge counts", false},
        {test_strings, "strings out of bounds or without NUL", false},
        {test_modules, "bad module and capability records", false},
        {test_cspace, "cspace: in range read back, out of range refused", false},
        {test_real, "the build's archive, and every truncation of it", true},
        {test_mutations, "30000 random mutants of the build's archive", true},
    };
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int before = failures;
        if (tests[i].real && !real_len) {
            printf("%s: %s ... FAILED (no archive given)\n", suite, tests[i].name);
            failed++;
            continue;
        }
        tests[i].fn();
        printf("%s: %s ... %s\n", suite, tests[i].name, failures == before ? "ok" : "FAILED");
        if (failures == before) passed++; else failed++;
    }
    FILE *f = fopen(argc > 2 ? argv[2] : "/dev/null", "w");
    if (f) { fprintf(f, "%d %d 0\n", passed, failed); fclose(f); }
    printf("%s: %d passed, %d failed\n", suite, passed, failed);
    return failed != 0 || sink == 1;
}
