/*
 * modules.c - the boot modules: takes the archive the HAL loaded
 * (boot_info_t.initrd_base/len: a Multiboot2 module on x86-64, a fw_cfg
 * file on arm64; docs/bootpack.md), validates it whole (bootpack_check),
 * builds the module registry (include/boot/modules.h: the demos and the
 * hostile/stress modules, found by name) and the benchmark table
 * (bench_wasm_mods), and prints the one boot line that says what it found.
 * Without an archive, or with a malformed one, the tables stay empty and
 * the line says so; the kernel boots on regardless.
 */
#include "boot/modules.h"
#include "klib.h"
#include "mm.h"
#include "kbench/bench_wasm.h"
#include "boot/archive.h"
#include "wasmtask/wtask.h"

static struct {
    const bootmod_t *mods;
    uint32_t n;
} sets[BOOTMOD_NSETS];
const bench_wasm_mod_t *bench_wasm_mods;
uint32_t bench_wasm_nmods;

void bootmod_init(const boot_info_t *bi)
{
    const char *name = bi->initrd_name ? bi->initrd_name : "archive";
    if (!bi->initrd_base || !bi->initrd_len) {
        kprintf("boot modules: none\n");
        return;
    }
    char err[96];
    bootpack_info_t info;
    const uint8_t *p = (const uint8_t *)(uintptr_t)bi->initrd_base;
    if (bootpack_check(p, bi->initrd_len, &info, err, sizeof err)) {
        kprintf("boot modules: none (%s, %llu bytes, rejected: %s)\n", name,
                (unsigned long long)bi->initrd_len, err);
        return;
    }
    void *mem = kmalloc(info.mem_size ? info.mem_size : 1);
    if (!mem) {
        kprintf("boot modules: none (%s: no memory for the tables)\n", name);
        return;
    }
    bootpack_t pak;
    bootpack_build(p, &info, mem, &pak);
    sets[BOOTMOD_DEMOS].mods = pak.demos;
    sets[BOOTMOD_DEMOS].n = pak.ndemos;
    sets[BOOTMOD_HOSTILE].mods = pak.hostile;
    sets[BOOTMOD_HOSTILE].n = pak.nhostile;
    bench_wasm_mods = pak.bench;
    bench_wasm_nmods = pak.nbench;
    kprintf("boot modules: %s %u bytes, %u demos, %u hostile, %u bench (%llu bytes of wasm)\n",
            name, info.file_len, pak.ndemos, pak.nhostile, pak.nbench,
            (unsigned long long)info.wasm_bytes);
}

const bootmod_t *bootmod_set(bootmod_set_t s, uint32_t *n)
{
    *n = sets[s].n;
    return sets[s].mods;
}

const bootmod_t *bootmod_find(const char *name)
{
    for (uint32_t s = 0; s < BOOTMOD_NSETS; s++)
        for (uint32_t i = 0; i < sets[s].n; i++)
            if (strcmp(sets[s].mods[i].name, name) == 0)
                return &sets[s].mods[i];
    return NULL;
}
