/*
 * syscall.h - the `jericho` system calls of wasm tasks (docs/abi.md): the
 * import table, the ABI's numbers, and the checking helpers every call
 * uses before it acts (decode, then perform).
 *
 * Errors: inside the kernel every failure is a kerr_t (kernel/error.h).
 * The ABI numbers them differently and has three conditions the kernel
 * core has no name for (TOO_LONG, NOT_FOUND, BAD_MODULE): sys_err()
 * translates a kerr_t to the ABI's -code at the boundary, and the
 * SYS_E_* values below are that wire encoding, nothing more.
 */
#ifndef JERICHO_SYSCALL_SYSCALL_H
#define JERICHO_SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/cap.h"
#include "kernel/error.h"
#include "wasmtask/wtask.h"
#include "wasm.h"

#define SYS_SLOTS    32          /* CSpace slots of a wasm task unless its manifest says
                                  * `cspace: N` (boot/modules.h BOOTMOD_CSPACE_MAX) */
#define SYS_MSG_MAX  4096u       /* largest message / console write */
#define SYS_INFO_LEN 24u         /* message info record (abi 3.3) */
#define SYS_CAPINFO_LEN 16u      /* cap_info record (abi 3.4) */
#define SYS_DEVINFO_LEN 128u     /* dev_info record (abi 4.6) */
#define SYS_MEMINFO_LEN 16u      /* mem_info record (abi 4.7) */
#define SYS_MODREC_LEN 48u       /* mon_modules record (abi 4.8) */
#define SYS_TASKREC_LEN 64u      /* mon_tasks record */
#define SYS_CAPREC_LEN 24u       /* mon_caps record */
#define SYS_MEMREC_LEN 48u       /* mon_mem record */
#define SYS_TASK_ACCOUNTED 0x1u  /* mon_tasks flags: cpu_ns is counted */
#define SYS_ARGS_MAX 1024u       /* task_spawn_args: bytes of words */
#define SYS_ARGS_WORDS 32u       /* and words */
#define SYS_NO_PTR   0xffffffffu /* info_ptr = -1: no info wanted */

/* The ABI's error codes (docs/abi.md section 5); calls return -code. */
enum {
    SYS_E_OK = 0,
    SYS_E_INVALID_SLOT = 1,
    SYS_E_EMPTY_SLOT = 2,
    SYS_E_WRONG_TYPE = 3,
    SYS_E_NO_RIGHTS = 4,
    SYS_E_BAD_ARGUMENT = 5,
    SYS_E_OUT_OF_BOUNDS = 6,
    SYS_E_WOULD_BLOCK = 7,
    SYS_E_SLOT_OCCUPIED = 8,
    SYS_E_NO_MEMORY = 9,
    SYS_E_QUOTA_EXCEEDED = 10,
    SYS_E_DESTROYED = 11,
    SYS_E_NOT_FOUND = 12,
    SYS_E_NO_CALLER = 13,
    SYS_E_TOO_LONG = 14,
    SYS_E_BAD_MODULE = 15,
    SYS_E_BUSY = 16,
};

/* The ABI's capability type codes (abi 3.2) and rights bits (abi 3.1). */
enum {
    SYS_T_CONSOLE = 1, SYS_T_CLOCK = 2, SYS_T_ENDPOINT = 3, SYS_T_NOTIFICATION = 4,
    SYS_T_TASK = 5, SYS_T_SPAWN = 6, SYS_T_MEMORY = 7, SYS_T_CNODE = 8, SYS_T_ENTROPY = 9,
    SYS_T_DEVICE = 10, SYS_T_MONITOR = 11,
};
#define SYS_R_READ  0x1u
#define SYS_R_WRITE 0x2u
#define SYS_R_GRANT 0x4u
#define SYS_R_DMA   0x8u         /* memory: the bus address (kernel CAP_R_DMA) */
#define SYS_R_ALL   0xfu

/* Message info flags (abi 3.3). */
#define SYS_MSG_TRUNCATED   0x1u
#define SYS_MSG_CAP_DROPPED 0x2u
#define SYS_MSG_CALL        0x4u

struct wtask;

/* ---- the import table (syscall.c) --------------------------------------- */

/* The host function for import jericho.NAME with signature *type, or NULL
 * with a message in err ("unknown import jericho.NAME", "incompatible
 * import type jericho.NAME"). The functions are created once and shared
 * by every task. */
wasm_func_t *syscall_lookup(const wasm_importdesc_t *imp, char *err, size_t errlen);
/* Make every host function now (kernel memory kept for good, charged to
 * nobody) rather than at its first import, so that none is made while a
 * demo group runs (the runner checks that a group gives back every frame
 * it took). False when the heap said no. */
bool syscall_init(void);

/* ---- helpers for the sys_*.c files ---------------------------------------- */

/* The ABI's -code for a kernel error (KERR_OK gives 0). */
int32_t sys_err(kerr_t e);
/* The task whose code called: the exec's user pointer, which wtask.c sets
 * once to the task when it creates the task's exec (never anything the
 * module passes). */
static inline wtask_t *sys_self(wasm_exec_t *ex)
{
    return (wtask_t *)wasm_exec_user(ex);
}
/* ABI type code of a kernel object type (0 if none), and the kernel
 * type/rights an ABI type/rights mean (TASK "w" and SPAWN "w" are the
 * kernel's MANAGE; a SPAWN capability is one to a Quota). */
uint32_t sys_type_code(objtype_t t);
objtype_t sys_objtype(uint32_t code);
unsigned sys_rights_to_kernel(objtype_t t, unsigned abi);
unsigned sys_rights_from_kernel(objtype_t t, unsigned kr);

/* The kernel rights a capability of type t needs for ABI rights abi: the
 * same mapping as sys_rights_to_kernel without the type's mask, so that
 * asking for a right the type lacks still fails. A constant where t and
 * abi are (every call site), so the check compares kernel rights directly. */
static inline unsigned sys_rights_needed(objtype_t t, unsigned abi)
{
    unsigned k = abi & (SYS_R_READ | SYS_R_GRANT);
    if (abi & SYS_R_WRITE)
        k |= (t == OBJ_TASK || t == OBJ_QUOTA) ? CAP_R_MANAGE : CAP_R_WRITE;
    if (abi & SYS_R_DMA)
        k |= CAP_R_DMA;
    return k;
}
_Static_assert(SYS_R_READ == CAP_R_READ && SYS_R_GRANT == CAP_R_GRANT,
               "READ and GRANT have the same bits in the ABI and the kernel");

/* sys_cap with the type and rights as one mask over the capability's
 * first word (cap.h: type in bits 0-7, rights in 8-15): the slot's word
 * w0 passes if (w0 & mask) == want and the slot is not empty; the error
 * order is worked out only on failure. Inline: every call starts here,
 * and the call cost as much as the check (docs/bench.md). */
static inline int32_t sys_cap_word(wtask_t *w, int32_t slot, uint64_t mask, uint64_t want,
                                   cap_t *out, cte_t **cte)
{
    uint32_t i = (uint32_t)slot;
    if (i >= w->nslots)                 /* negative slots too */
        return -SYS_E_INVALID_SLOT;
    cte_t *c = &w->slots[i];            /* the task's CSpace (wtask.h) */
    uint64_t w0 = c->cap.w0;
    /* A wanted type (want's low byte, a constant) already excludes the
     * empty slot (type 0); only OBJ_NONE needs the test of its own. */
    bool bad = (w0 & mask) != want;
    if (!(want & 0xffu))
        bad |= cap_is_null(c->cap);
    if (__builtin_expect(bad, 0)) {
        if (cap_is_null(c->cap))
            return -SYS_E_EMPTY_SLOT;
        if ((w0 & mask & 0xffu) != (want & 0xffu))
            return -SYS_E_WRONG_TYPE;
        return -SYS_E_NO_RIGHTS;
    }
    if (out)
        *out = c->cap;
    if (cte)
        *cte = c;
    return 0;
}

/* Decode capability slot `slot` (signed) of the caller: INVALID_SLOT,
 * EMPTY_SLOT, WRONG_TYPE (type != OBJ_NONE), NO_RIGHTS (ABI rights), in
 * that order. Returns 0 or -code; fills *out / *cte when non-NULL.
 * OBJ_NONE takes no rights (what WRITE means depends on the type). */
static inline int32_t sys_cap(wtask_t *w, int32_t slot, objtype_t type, unsigned abi_rights,
                              cap_t *out, cte_t **cte)
{
    uint64_t k = sys_rights_needed(type, abi_rights);
    uint64_t tmask = type != OBJ_NONE ? 0xffu : 0u;
    return sys_cap_word(w, slot, tmask | k << 8, (uint64_t)type | k << 8, out, cte);
}

/* The caller's memory 0, looked up once per system call (sys_memview);
 * the base stays valid until the task next runs wasm (only its own code
 * grows its memory). */
typedef struct {
    uint8_t *base;          /* NULL when the module has no memory */
    uint64_t size;          /* bytes */
} sys_mem_t;

static inline sys_mem_t sys_memview(wasm_exec_t *ex)
{
    sys_mem_t v;
    v.base = wasm_exec_memory(ex, &v.size);
    return v;
}

/* Check [ptr, ptr+len) against the caller's memory in 64-bit arithmetic:
 * 0 and *out = the kernel address, or -OUT_OF_BOUNDS. len 0 is fine at
 * any ptr <= size (*out may then be NULL when the module has no memory). */
static inline int32_t sys_mem(const sys_mem_t *v, uint32_t ptr, uint64_t len, uint8_t **out)
{
    /* No memory has size 0, so the second test never decides anything;
     * it tells the static analyzer that a range of len > 0 has a base. */
    if ((uint64_t)ptr + len > v->size || (len && !v->base))
        return -SYS_E_OUT_OF_BOUNDS;
    *out = v->base ? v->base + ptr : NULL;
    return 0;
}
/* Little-endian stores and loads in checked memory. Both architectures
 * are little-endian, as wasm memory is: one unaligned access each, inline
 * (the info record is five of them per receive). */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "wasm memory is little-endian");
static inline void sys_put32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, sizeof v); }
static inline void sys_put64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, sizeof v); }
static inline uint32_t sys_get32(const uint8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

/* Self-tests only (src/selftest/test_spawn.c): when set, task_spawn calls
 * it in its window, after compiling the child and before the decode that
 * performs, where other tasks may run (the compile is preemptible) and
 * change the caller's capabilities. NULL in normal operation. */
extern void (*sys_spawn_window_hook)(wtask_t *caller);

/* ---- the calls (one host function each) ---------------------------------- */
#define SYS_DECL(name) \
    wasm_trap_t sys_##name(wasm_exec_t *ex, void *env, const wasm_val_t *a, wasm_val_t *r)
SYS_DECL(console_write); SYS_DECL(clock_now); SYS_DECL(sleep); SYS_DECL(yield);
SYS_DECL(exit); SYS_DECL(send); SYS_DECL(nb_send); SYS_DECL(recv); SYS_DECL(poll);
SYS_DECL(call); SYS_DECL(reply); SYS_DECL(reply_recv); SYS_DECL(signal);
SYS_DECL(wait); SYS_DECL(poll_signal); SYS_DECL(cap_copy); SYS_DECL(cap_mint);
SYS_DECL(cap_move); SYS_DECL(cap_delete); SYS_DECL(cap_revoke); SYS_DECL(cap_info);
SYS_DECL(cap_derived);
SYS_DECL(task_spawn); SYS_DECL(task_kill);
SYS_DECL(dev_info); SYS_DECL(dev_read); SYS_DECL(dev_read64); SYS_DECL(dev_write);
SYS_DECL(dev_irq_bind); SYS_DECL(dev_irq_ack);
SYS_DECL(mem_create); SYS_DECL(mem_read); SYS_DECL(mem_write); SYS_DECL(mem_info);
SYS_DECL(task_spawn_args);
SYS_DECL(mon_modules); SYS_DECL(mon_tasks); SYS_DECL(mon_caps); SYS_DECL(mon_mem);
SYS_DECL(entropy_add);

#endif
