/*
 * sys_entropy.c - entropy_add (docs/abi.md 4.6b): a task holding an
 * ENTROPY capability with WRITE mixes bytes of its memory into the
 * kernel's pool (kernel/entropy.h), which WASI random_get draws from.
 * Decode everything first (slot, length, memory range), then mix: the
 * Entropy object is a kernel singleton that never goes, so nothing the
 * check saw can change before the mix (as console_write's console).
 */
#include "kernel/entropy.h"
#include "syscall/syscall.h"

SYS_DECL(entropy_add)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    uint32_t ptr = a[1].i32, len = a[2].i32;
    cap_t c;
    uint8_t *p = NULL;
    int32_t rc = sys_cap(w, (int32_t)a[0].i32, OBJ_ENTROPY, SYS_R_WRITE, &c, NULL);
    if (!rc && len > ENTROPY_ADD_MAX)
        rc = -SYS_E_TOO_LONG;
    if (!rc)
        rc = sys_mem(&v, ptr, len, &p);
    if (!rc && len)
        entropy_add((entropy_t *)cap_obj(c), p, len);
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
