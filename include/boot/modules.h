/*
 * modules.h - the module registry: every boot module the loader brought
 * (the boot-module archive build/<arch>/jericho.pak, docs/bootpack.md),
 * found by name, each with its manifest: the capabilities its task gets,
 * its priority and CPU budget, the group it runs with, and the lines it
 * must or must not print (which only the demo runner reads).
 *
 * demos/NAME.wat and the modules of tests/hostile/, tests/stress/ are
 * compiled and packed by demos/pack.py; the manifest comes from the
 * directives at the top of each file (docs/demos.md). At boot
 * src/boot/modules.c validates the archive whole and builds the tables;
 * their strings and module bytes point into the archive.
 *
 * Numbers used here are those of the `jericho` ABI (docs/abi.md): a cap's
 * type is cap_info's type code, its rights are the ABI's rights bits.
 */
#ifndef JERICHO_BOOT_MODULES_H
#define JERICHO_BOOT_MODULES_H

#include <stddef.h>
#include <stdint.h>
#include "boot/info.h"

/* Most capabilities a manifest may list: the default size of a wasm task's
 * CSpace (syscall.h SYS_SLOTS). */
#define BOOTMOD_MAX_CAPS 32
/* A manifest's `cspace: N` gives its task a CSpace of N slots instead,
 * BOOTMOD_MAX_CAPS <= N <= BOOTMOD_CSPACE_MAX (48 bytes a slot, charged to
 * the quota the task is created under, as the default CSpace is). */
#define BOOTMOD_CSPACE_MAX 1024

/* Capability types a manifest can give (docs/abi.md, "Capability types"). */
typedef enum {
    BOOTMOD_CAP_CONSOLE = 1,
    BOOTMOD_CAP_CLOCK = 2,
    BOOTMOD_CAP_ENDPOINT = 3,
    BOOTMOD_CAP_NOTIFICATION = 4,
    BOOTMOD_CAP_SPAWN = 6,
    BOOTMOD_CAP_ENTROPY = 9,
    BOOTMOD_CAP_DEVICE = 10,    /* object: the device's name (device.h) */
    BOOTMOD_CAP_MONITOR = 11,   /* observe tasks and memory (kernel/monitor.h) */
} bootmod_cap_type_t;

/* Rights bits (docs/abi.md, "Rights"). */
#define BOOTMOD_RIGHT_READ  0x1u
#define BOOTMOD_RIGHT_WRITE 0x2u
#define BOOTMOD_RIGHT_GRANT 0x4u

/* One capability of a manifest; caps[i] goes into CSpace slot i. */
typedef struct {
    uint32_t type;      /* bootmod_cap_type_t */
    uint32_t rights;    /* BOOTMOD_RIGHT_* */
    uint64_t badge;     /* endpoints and notifications; 0 = unbadged */
    const char *object; /* endpoint/notification: name shared within the
                           group (one object per name per group); device:
                           the device's name; else NULL */
} bootmod_cap_t;

typedef struct {
    const char *name;        /* file name without .wat: the task's name */
    const char *group;       /* tasks of one group run together; a demo
                                without `group:` is a group of its own */
    const uint8_t *wasm;     /* the module's bytes */
    uint32_t wasm_len;
    const bootmod_cap_t *caps;  /* ncaps entries (NULL when 0) */
    uint32_t ncaps;
    const char *caps_text;   /* the caps as written, for messages */
    /* Lines the task must print (console output, without the "[name] "
     * prefix), lines it must never print, and kernel lines that must appear
     * verbatim (traps, exits; docs/demos.md gives their format). */
    const char *const *expect;
    uint32_t nexpect;
    const char *const *expect_not;
    uint32_t nexpect_not;
    const char *const *expect_kernel;
    uint32_t nexpect_kernel;
    uint32_t prio;           /* 1..63, default 10 */
    uint32_t cpu_budget_ms;  /* kill the task after this much CPU; 0 = none */
    uint32_t autostart;      /* 1: started with its group; 0 (`start: no`):
                                only by task_spawn (by name), with the
                                capabilities the spawner passes (ncaps 0) */
    uint32_t cspace_slots;   /* `cspace: N`: its CSpace's slots; 0: the default */
    /* WASI: the arguments after argv[0] (which is the name) and the
     * environment ("KEY=value"), from the `args:` and `env:` lines. */
    const char *const *args;
    uint32_t nargs;
    const char *const *env;
    uint32_t nenv;
    /* The WASM_FEATURE_* bits (wasm.h) the module may use: its `features:`
     * line, all without one. A module using another is refused at load. */
    uint32_t features;
} bootmod_t;

/* The registry's sets of modules: the demos (demos/), and the modules of
 * tests/hostile/ and tests/stress/ (run only by the command line words
 * `hostile`, `stress` and `soak`, docs/hardening.md). Names are unique
 * across both (demos/pack.py refuses a duplicate). */
typedef enum {
    BOOTMOD_DEMOS,
    BOOTMOD_HOSTILE,
    BOOTMOD_NSETS,
} bootmod_set_t;

/* The modules of set s, sorted by group, then name (the tasks of a group
 * are contiguous); *n = 0 and NULL without boot modules. */
const bootmod_t *bootmod_set(bootmod_set_t s, uint32_t *n);
/* The boot module called name in any set, or NULL: what task_spawn
 * starts (the spawn capability is the authority, its quota the limit). */
const bootmod_t *bootmod_find(const char *name);

/* Check the archive bi->initrd_base/len, build the tables from it and
 * print the one boot line ("boot modules: ..." or "boot modules: none
 * (..., rejected: REASON)"). Needs the heap. */
void bootmod_init(const boot_info_t *bi);

#endif
