/*
 * archive.h - the boot-module archive (build/<arch>/jericho.pak, format in
 * docs/bootpack.md): every wasm module the kernel runs (the demos, the
 * hostile/stress modules, the in-kernel benchmark modules) with the
 * metadata of include/boot/modules.h and include/kbench/bench_wasm.h.
 *
 * The parser (src/boot/archive.c) works in two steps and never touches
 * anything outside [p, p + len):
 *   bootpack_check  validates the WHOLE archive (header, every offset and
 *                   length, every string NUL-terminated in bounds, counts
 *                   bounded, every field in range) and says how much memory
 *                   the tables need; on any problem KERR_INVALID_ARG and a
 *                   message in err;
 *   bootpack_build  only after a successful check: fills the tables into
 *                   caller-provided memory. Strings and module bytes point
 *                   into the archive, which must stay in memory, unchanged.
 * It does not allocate and depends only on klib, so the host tests run it
 * under ASan/UBSan (tests/bootpack/).
 */
#ifndef JERICHO_BOOT_ARCHIVE_H
#define JERICHO_BOOT_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include "boot/info.h"
#include "boot/modules.h"
#include "kbench/bench_wasm.h"
#include "kernel/error.h"

#define BOOTPACK_MAGIC "JPAK"
#define BOOTPACK_VERSION 3u
#define BOOTPACK_HEADER_LEN 64u
#define BOOTPACK_MODULE_LEN 92u     /* one module record */
#define BOOTPACK_CAP_LEN 24u        /* one capability record */
#define BOOTPACK_NONE 0xffffffffu   /* "no string" (a cap without object) */

/* Module record tables. */
#define BOOTPACK_TABLE_DEMO 0u
#define BOOTPACK_TABLE_HOSTILE 1u
#define BOOTPACK_TABLE_BENCH 2u

/* Bounds a valid archive stays within. */
#define BOOTPACK_MAX_LEN (64u << 20)
#define BOOTPACK_MAX_MODULES 1024u
#define BOOTPACK_MAX_CAPS 8192u
#define BOOTPACK_MAX_LINES 16384u

/* What bootpack_check found. */
typedef struct {
    uint32_t file_len;      /* the archive's own length (<= the len given) */
    uint32_t ndemos, nhostile, nbench;
    uint32_t ncaps, nlines;
    uint64_t wasm_bytes;    /* module bytes, summed over the records */
    size_t mem_size;        /* bytes bootpack_build needs (8-byte aligned) */
} bootpack_info_t;

/* The tables, ready for the runners. */
typedef struct {
    const bootmod_t *demos;      /* sorted by group, then name */
    uint32_t ndemos;
    const bootmod_t *hostile;
    uint32_t nhostile;
    const bench_wasm_mod_t *bench;
    uint32_t nbench;
} bootpack_t;

kerr_t bootpack_check(const uint8_t *p, size_t len, bootpack_info_t *info, char *err,
                      size_t errlen);
/* mem: info->mem_size bytes, 8-byte aligned. */
void bootpack_build(const uint8_t *p, const bootpack_info_t *info, void *mem, bootpack_t *out);

#endif
