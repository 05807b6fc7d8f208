/*
 * archive.c - the boot-module archive's parser (format: docs/bootpack.md,
 * interface: include/boot/archive.h). bootpack_check validates the whole
 * archive before anything uses it; bootpack_build then turns the records
 * into the tables of include/boot/modules.h and bench_wasm.h. Every field is read
 * byte by byte (little-endian, any alignment) and every offset is checked
 * in 64-bit arithmetic against the archive's length, so no input can make
 * it read outside [p, p + len).
 */
#include "boot/archive.h"
#include "klib.h"
#include "wasm.h"

/* Header fields (byte offsets). */
#define H_MAGIC 0
#define H_VERSION 4
#define H_HEADER_LEN 8
#define H_FILE_LEN 12
#define H_STR_OFF 16
#define H_STR_LEN 20
#define H_DATA_OFF 24
#define H_DATA_LEN 28
#define H_MOD_OFF 32
#define H_NMODS 36
#define H_CAP_OFF 40
#define H_NCAPS 44
#define H_LINE_OFF 48
#define H_NLINES 52
#define H_RESERVED 56        /* once the coremark line: NONE */
#define H_FLAGS 60

/* Module record fields. */
#define M_TABLE 0
#define M_NAME 4
#define M_GROUP 8
#define M_CAPS_TEXT 12
#define M_WASM_OFF 16
#define M_WASM_LEN 20
#define M_CAP_FIRST 24
#define M_CAP_COUNT 28
#define M_EXPECT 32         /* three (first, count) pairs follow */
#define M_PRIO 56
#define M_BUDGET 60
#define M_AUTOSTART 64
#define M_FEATURES 68        /* the features: words (a string; 0 = "": all) */
#define M_ARGS 72           /* (first, count): WASI args, from the line array */
#define M_ENV 80            /* (first, count): WASI environ */
#define M_CSPACE 88         /* `cspace:` slots; 0: the default (version 3) */

/* Capability record fields. */
#define C_TYPE 0
#define C_RIGHTS 4
#define C_BADGE 8
#define C_OBJECT 16
#define C_RESERVED 20

#define NAME_MAX_LEN 31
#define PRIO_MAX 63
#define BUDGET_MAX_MS 60000u
#define RIGHTS_ALL (BOOTMOD_RIGHT_READ | BOOTMOD_RIGHT_WRITE | BOOTMOD_RIGHT_GRANT)

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* The parts of the archive, once the header has been checked. */
typedef struct {
    const uint8_t *p;
    uint32_t str_off, str_len, data_off, data_len;
    uint32_t mod_off, nmods, cap_off, ncaps, line_off, nlines;
} pak_t;

static kerr_t fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static kerr_t fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        kvsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return KERR_INVALID_ARG;
}

/* [off, off + n * size) lies inside the archive's body. */
static bool area_ok(uint32_t off, uint64_t n, uint32_t size, uint32_t file_len)
{
    uint64_t end = (uint64_t)off + n * size;
    return off >= BOOTPACK_HEADER_LEN && end <= file_len;
}

/* A string reference: inside the string area, which ends in a NUL (so the
 * string ends inside it too). */
static bool str_ok(const pak_t *k, uint32_t ref)
{
    return ref < k->str_len;
}

static const char *str_at(const pak_t *k, uint32_t ref)
{
    return (const char *)k->p + k->str_off + ref;
}

static const uint8_t *mod_at(const pak_t *k, uint32_t i)
{
    return k->p + k->mod_off + (size_t)i * BOOTPACK_MODULE_LEN;
}

static const uint8_t *cap_at(const pak_t *k, uint32_t i)
{
    return k->p + k->cap_off + (size_t)i * BOOTPACK_CAP_LEN;
}

static kerr_t check_header(const uint8_t *p, size_t len, pak_t *k, char *err, size_t errlen)
{
    if (len < BOOTPACK_HEADER_LEN)
        return fail(err, errlen, "%zu bytes, shorter than the %u-byte header", len,
                    BOOTPACK_HEADER_LEN);
    if (memcmp(p + H_MAGIC, BOOTPACK_MAGIC, 4) != 0)
        return fail(err, errlen, "bad magic (not a bootpack)");
    if (rd32(p + H_VERSION) != BOOTPACK_VERSION)
        return fail(err, errlen, "version %u, this kernel reads version %u",
                    rd32(p + H_VERSION), BOOTPACK_VERSION);
    uint32_t file_len = rd32(p + H_FILE_LEN);
    if (rd32(p + H_HEADER_LEN) != BOOTPACK_HEADER_LEN || rd32(p + H_FLAGS) != 0)
        return fail(err, errlen, "unknown header length or flags");
    if (file_len < BOOTPACK_HEADER_LEN || file_len > len || file_len > BOOTPACK_MAX_LEN)
        return fail(err, errlen, "archive length %u but %zu bytes loaded", file_len, len);
    *k = (pak_t){.p = p,
                 .str_off = rd32(p + H_STR_OFF), .str_len = rd32(p + H_STR_LEN),
                 .data_off = rd32(p + H_DATA_OFF), .data_len = rd32(p + H_DATA_LEN),
                 .mod_off = rd32(p + H_MOD_OFF), .nmods = rd32(p + H_NMODS),
                 .cap_off = rd32(p + H_CAP_OFF), .ncaps = rd32(p + H_NCAPS),
                 .line_off = rd32(p + H_LINE_OFF), .nlines = rd32(p + H_NLINES)};
    if (k->nmods > BOOTPACK_MAX_MODULES || k->ncaps > BOOTPACK_MAX_CAPS ||
        k->nlines > BOOTPACK_MAX_LINES)
        return fail(err, errlen, "too many records (%u modules, %u caps, %u lines)", k->nmods,
                    k->ncaps, k->nlines);
    if (!area_ok(k->str_off, k->str_len, 1, file_len) || k->str_len == 0 ||
        p[k->str_off + k->str_len - 1] != 0)
        return fail(err, errlen, "string area out of bounds or not NUL-terminated");
    if (!area_ok(k->data_off, k->data_len, 1, file_len))
        return fail(err, errlen, "module data area out of bounds");
    if (!area_ok(k->mod_off, k->nmods, BOOTPACK_MODULE_LEN, file_len) ||
        !area_ok(k->cap_off, k->ncaps, BOOTPACK_CAP_LEN, file_len) ||
        !area_ok(k->line_off, k->nlines, 4, file_len))
        return fail(err, errlen, "a record area lies outside the archive");
    if (rd32(p + H_RESERVED) != BOOTPACK_NONE)
        return fail(err, errlen, "reserved header word is not NONE");
    return KERR_OK;
}

static kerr_t check_caps(const pak_t *k, char *err, size_t errlen)
{
    for (uint32_t i = 0; i < k->ncaps; i++) {
        const uint8_t *c = cap_at(k, i);
        uint32_t type = rd32(c + C_TYPE), obj = rd32(c + C_OBJECT);
        bool named = type == BOOTMOD_CAP_ENDPOINT || type == BOOTMOD_CAP_NOTIFICATION ||
                     type == BOOTMOD_CAP_DEVICE;
        if (!named && type != BOOTMOD_CAP_CONSOLE && type != BOOTMOD_CAP_CLOCK && type != BOOTMOD_CAP_SPAWN &&
            type != BOOTMOD_CAP_ENTROPY && type != BOOTMOD_CAP_MONITOR)
            return fail(err, errlen, "capability %u: unknown type %u", i, type);
        if (rd32(c + C_RIGHTS) & ~RIGHTS_ALL || rd32(c + C_RESERVED) != 0)
            return fail(err, errlen, "capability %u: bad rights", i);
        if (named ? !str_ok(k, obj) || !*str_at(k, obj) : obj != BOOTPACK_NONE)
            return fail(err, errlen, "capability %u: bad object name", i);
        if ((type == BOOTMOD_CAP_DEVICE || !named) && rd64(c + C_BADGE))
            return fail(err, errlen, "capability %u: a badge on an unnamed object", i);
    }
    for (uint32_t i = 0; i < k->nlines; i++)
        if (!str_ok(k, rd32(k->p + k->line_off + (size_t)i * 4)))
            return fail(err, errlen, "expect line %u out of bounds", i);
    return KERR_OK;
}

/* (first, count) inside [0, total). */
static bool range_ok(uint32_t first, uint32_t count, uint32_t total)
{
    return (uint64_t)first + count <= total;
}

static kerr_t check_module(const pak_t *k, uint32_t i, char *err, size_t errlen)
{
    const uint8_t *m = mod_at(k, i);
    uint32_t table = rd32(m + M_TABLE), name = rd32(m + M_NAME);
    if (table > BOOTPACK_TABLE_BENCH)
        return fail(err, errlen, "module %u: unknown table %u", i, table);
    if (!str_ok(k, name) || !*str_at(k, name) || strlen(str_at(k, name)) > NAME_MAX_LEN)
        return fail(err, errlen, "module %u: bad name", i);
    const char *nm = str_at(k, name);
    if (!str_ok(k, rd32(m + M_GROUP)) || !*str_at(k, rd32(m + M_GROUP)) ||
        !str_ok(k, rd32(m + M_CAPS_TEXT)))
        return fail(err, errlen, "module %s: bad group or caps text", nm);
    uint32_t woff = rd32(m + M_WASM_OFF), wlen = rd32(m + M_WASM_LEN);
    if (!range_ok(woff, wlen, k->data_len) || wlen < 8)
        return fail(err, errlen, "module %s: bytes out of bounds", nm);
    uint32_t ncap = rd32(m + M_CAP_COUNT);
    if (!range_ok(rd32(m + M_CAP_FIRST), ncap, k->ncaps) || ncap > BOOTMOD_MAX_CAPS)
        return fail(err, errlen, "module %s: capabilities out of bounds", nm);
    uint32_t nlines = 0;
    static const unsigned pairs[5] = {M_EXPECT, M_EXPECT + 8, M_EXPECT + 16, M_ARGS, M_ENV};
    for (int j = 0; j < 5; j++) {
        uint32_t first = rd32(m + pairs[j]), n = rd32(m + pairs[j] + 4);
        if (!range_ok(first, n, k->nlines))
            return fail(err, errlen, "module %s: %s lines out of bounds", nm,
                        j < 3 ? "expect" : j == 3 ? "args" : "env");
        nlines += n;    /* each <= BOOTPACK_MAX_LINES: no overflow */
    }
    uint32_t prio = rd32(m + M_PRIO), auto_ = rd32(m + M_AUTOSTART);
    uint32_t feat = rd32(m + M_FEATURES), mask;
    if (!str_ok(k, feat) || !wasm_features_parse(str_at(k, feat), &mask))
        return fail(err, errlen, "module %s: bad features line", nm);
    uint32_t cspace = rd32(m + M_CSPACE);
    if (cspace && (cspace < BOOTMOD_MAX_CAPS || cspace > BOOTMOD_CSPACE_MAX))
        return fail(err, errlen, "module %s: cspace %u out of range (%u..%u)", nm, cspace,
                    BOOTMOD_MAX_CAPS, BOOTMOD_CSPACE_MAX);
    if (table == BOOTPACK_TABLE_BENCH) {
        if (ncap || nlines || prio || auto_ || rd32(m + M_BUDGET) || feat || cspace)
            return fail(err, errlen, "bench module %s: only name and bytes may be set", nm);
        return KERR_OK;
    }
    if (prio < 1 || prio > PRIO_MAX || rd32(m + M_BUDGET) > BUDGET_MAX_MS || auto_ > 1 ||
        (!auto_ && ncap))
        return fail(err, errlen, "module %s: prio, budget or start out of range", nm);
    return KERR_OK;
}

/* Per table: sorted by group (the runner relies on groups being
 * contiguous) and no name twice. */
static kerr_t check_order(const pak_t *k, char *err, size_t errlen)
{
    for (uint32_t i = 0; i < k->nmods; i++) {
        const uint8_t *m = mod_at(k, i);
        for (uint32_t j = i + 1; j < k->nmods; j++) {
            const uint8_t *n = mod_at(k, j);
            if (rd32(m + M_TABLE) != rd32(n + M_TABLE))
                continue;
            if (strcmp(str_at(k, rd32(m + M_NAME)), str_at(k, rd32(n + M_NAME))) == 0)
                return fail(err, errlen, "two modules named %s", str_at(k, rd32(m + M_NAME)));
            if (rd32(m + M_TABLE) != BOOTPACK_TABLE_BENCH &&
                strcmp(str_at(k, rd32(m + M_GROUP)), str_at(k, rd32(n + M_GROUP))) > 0)
                return fail(err, errlen, "modules not sorted by group at %s",
                            str_at(k, rd32(n + M_NAME)));
        }
    }
    return KERR_OK;
}

kerr_t bootpack_check(const uint8_t *p, size_t len, bootpack_info_t *info, char *err,
                      size_t errlen)
{
    pak_t k = {0};
    kerr_t e;
    memset(info, 0, sizeof *info);
    if (!p)
        return fail(err, errlen, "no archive");
    if ((e = check_header(p, len, &k, err, errlen)) || (e = check_caps(&k, err, errlen)))
        return e;
    uint32_t n[3] = {0, 0, 0};
    for (uint32_t i = 0; i < k.nmods; i++) {
        if ((e = check_module(&k, i, err, errlen)))
            return e;
        n[rd32(mod_at(&k, i) + M_TABLE)]++;
        info->wasm_bytes += rd32(mod_at(&k, i) + M_WASM_LEN);
    }
    if ((e = check_order(&k, err, errlen)))
        return e;
    info->file_len = rd32(p + H_FILE_LEN);
    info->ndemos = n[BOOTPACK_TABLE_DEMO];
    info->nhostile = n[BOOTPACK_TABLE_HOSTILE];
    info->nbench = n[BOOTPACK_TABLE_BENCH];
    info->ncaps = k.ncaps;
    info->nlines = k.nlines;
    info->mem_size = (size_t)(info->ndemos + info->nhostile) * sizeof(bootmod_t) +
                     (size_t)k.ncaps * sizeof(bootmod_cap_t) + (size_t)k.nlines * sizeof(char *) +
                     (size_t)info->nbench * sizeof(bench_wasm_mod_t);
    return KERR_OK;
}

/* The features a checked record's module may use. */
static uint32_t features(const pak_t *k, const uint8_t *m)
{
    uint32_t mask = WASM_FEATURES_ALL;
    wasm_features_parse(str_at(k, rd32(m + M_FEATURES)), &mask);
    return mask;
}

void bootpack_build(const uint8_t *p, const bootpack_info_t *info, void *mem, bootpack_t *out)
{
    pak_t k = {0};
    check_header(p, info->file_len, &k, NULL, 0);   /* checked before: fills k */
    bootmod_t *demos = mem, *hostile = demos + info->ndemos;
    bootmod_cap_t *caps = (bootmod_cap_t *)(hostile + info->nhostile);
    const char **lines = (const char **)(caps + k.ncaps);
    bench_wasm_mod_t *bench = (bench_wasm_mod_t *)(lines + k.nlines);
    const uint8_t *data = p + k.data_off;

    for (uint32_t i = 0; i < k.ncaps; i++) {
        const uint8_t *c = cap_at(&k, i);
        uint32_t obj = rd32(c + C_OBJECT);
        caps[i] = (bootmod_cap_t){.type = rd32(c + C_TYPE), .rights = rd32(c + C_RIGHTS),
                               .badge = rd64(c + C_BADGE),
                               .object = obj == BOOTPACK_NONE ? NULL : str_at(&k, obj)};
    }
    for (uint32_t i = 0; i < k.nlines; i++)
        lines[i] = str_at(&k, rd32(p + k.line_off + (size_t)i * 4));

    uint32_t nd = 0, nh = 0, nb = 0;
    for (uint32_t i = 0; i < k.nmods; i++) {
        const uint8_t *m = mod_at(&k, i);
        const char *name = str_at(&k, rd32(m + M_NAME));
        const uint8_t *wasm = data + rd32(m + M_WASM_OFF);
        uint32_t wlen = rd32(m + M_WASM_LEN);
        if (rd32(m + M_TABLE) == BOOTPACK_TABLE_BENCH) {
            bench[nb++] = (bench_wasm_mod_t){.name = name, .wasm = wasm, .len = wlen};
            continue;
        }
        bootmod_t *d = rd32(m + M_TABLE) == BOOTPACK_TABLE_DEMO ? &demos[nd++] : &hostile[nh++];
        uint32_t ncap = rd32(m + M_CAP_COUNT);
        uint32_t nl[5], fl[5];
        for (int j = 0; j < 5; j++) {
            unsigned at = j < 3 ? M_EXPECT + 8 * (unsigned)j : j == 3 ? M_ARGS : M_ENV;
            fl[j] = rd32(m + at);
            nl[j] = rd32(m + at + 4);
        }
        *d = (bootmod_t){
            .name = name, .group = str_at(&k, rd32(m + M_GROUP)),
            .wasm = wasm, .wasm_len = wlen,
            .caps = ncap ? caps + rd32(m + M_CAP_FIRST) : NULL, .ncaps = ncap,
            .caps_text = str_at(&k, rd32(m + M_CAPS_TEXT)),
            .expect = nl[0] ? lines + fl[0] : NULL, .nexpect = nl[0],
            .expect_not = nl[1] ? lines + fl[1] : NULL, .nexpect_not = nl[1],
            .expect_kernel = nl[2] ? lines + fl[2] : NULL, .nexpect_kernel = nl[2],
            .prio = rd32(m + M_PRIO), .cpu_budget_ms = rd32(m + M_BUDGET),
            .autostart = rd32(m + M_AUTOSTART), .features = features(&k, m),
            .cspace_slots = rd32(m + M_CSPACE),
            .args = nl[3] ? lines + fl[3] : NULL, .nargs = nl[3],
            .env = nl[4] ? lines + fl[4] : NULL, .nenv = nl[4]};
    }
    *out = (bootpack_t){.demos = demos, .ndemos = nd, .hostile = hostile, .nhostile = nh,
                        .bench = bench, .nbench = nb};
}
