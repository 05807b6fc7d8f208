/*
 * modules.h - the demo modules linked into the kernel image.
 *
 * Every demos/NAME.wat is compiled by wat2wasm and packed by demos/pack.py
 * into the boot-module archive build/<arch>/jericho.pak (docs/bootpack.md),
 * which the boot loader hands the kernel; at boot src/boot/modules.c
 * validates it and builds the tables below, whose strings and module bytes
 * point into the archive. The
 * header comment of each .wat says which capabilities its task gets and
 * what it must print (docs/demos.md); the boot code starts the tasks of one
 * group together and the QEMU harness checks the expect lines.
 *
 * Numbers used here are those of the `jericho` ABI (docs/abi.md): a cap's
 * type is cap_info's type code, its rights are the ABI's rights bits.
 */
#ifndef JERICHO_BOOT_MODULES_H
#define JERICHO_BOOT_MODULES_H

#include <stddef.h>
#include <stdint.h>

/* Most capabilities a demo may list: the size of a demo task's CSpace. */
#define DEMO_MAX_CAPS 32

/* Capability types a demo can be given (docs/abi.md, "Capability types"). */
typedef enum {
    DEMO_CAP_CONSOLE = 1,
    DEMO_CAP_CLOCK = 2,
    DEMO_CAP_ENDPOINT = 3,
    DEMO_CAP_NOTIFICATION = 4,
    DEMO_CAP_SPAWN = 6,
} demo_cap_type_t;

/* Rights bits (docs/abi.md, "Rights"). */
#define DEMO_RIGHT_READ  0x1u
#define DEMO_RIGHT_WRITE 0x2u
#define DEMO_RIGHT_GRANT 0x4u

/* One capability of a demo task; caps[i] goes into CSpace slot i. */
typedef struct {
    uint32_t type;      /* demo_cap_type_t */
    uint32_t rights;    /* DEMO_RIGHT_* */
    uint64_t badge;     /* endpoints and notifications; 0 = unbadged */
    const char *object; /* endpoint/notification: name shared within the
                           group (one object per name per group); else NULL */
} demo_cap_t;

typedef struct {
    const char *name;        /* file name without .wat: the task's name */
    const char *group;       /* tasks of one group run together; a demo
                                without `group:` is a group of its own */
    const uint8_t *wasm;     /* the module's bytes */
    uint32_t wasm_len;
    const demo_cap_t *caps;  /* ncaps entries (NULL when 0) */
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
} demo_image_t;

/* Sorted by group, then name: the tasks of a group are contiguous. Set
 * at boot (bootmod_init); empty (NULL, 0) without boot modules. */
extern const demo_image_t *demo_images;
extern uint32_t demo_count;

/* The same for the modules of tests/hostile/ and tests/stress/ (demos/pack.py
 * --hostile), run only by the command line words `hostile`,
 * `stress` and `soak` (docs/hardening.md). */
extern const demo_image_t *hostile_images;
extern uint32_t hostile_count;

#endif
