/*
 * test_guest_fault.c - self-tests of CPU faults in the engine's
 * guest-memory access code (docs/kernel.md, "Faults"): a wasm task whose
 * linear memory loses a page (arch_unmap, as a bounds-check bug or a
 * deliberately unmapped page would look) traps at its next load, store,
 * memory.fill or memory.copy there, ends normally ("task NAME trapped:
 * out of bounds memory access"), and the kernel and the other tasks go
 * on. A fault anywhere else in kernel code is a kernel panic: that needs
 * a boot of its own per case (tests/kfault/, src/selftest/kfault.c).
 */
#include "hal.h"
#include "kernel/sched.h"
#include "selftest/ktest.h"
#include "wasmtask/wtask.h"
#include "klib.h"

extern const uint8_t wtask_test_memfault_load[], wtask_test_memfault_store[],
    wtask_test_memfault_fill[], wtask_test_memfault_copy[], wtask_test_work[];
extern const size_t wtask_test_memfault_load_len, wtask_test_memfault_store_len,
    wtask_test_memfault_fill_len, wtask_test_memfault_copy_len, wtask_test_work_len;

#define MS 1000000ull

static void sleep_ms(uint64_t ms)
{
    sched_sleep_until(arch_time_ns() + ms * MS);
}

static bool wait_done(wtask_t *w, uint64_t limit_ms)
{
    uint64_t end = arch_time_ns() + limit_ms * MS;
    while (!wtask_done(w) && arch_time_ns() < end)
        sleep_ms(5);
    return wtask_done(w);
}

/* Start module b as task name, let it run, unmap a page in the middle of
 * its linear memory and check that the task traps and the kernel goes on
 * (another wasm task runs to its end afterwards). */
static void fault_case(const char *name, const char *after, const uint8_t *b, size_t n)
{
    if (!sched_current())
        sched_init();
    char err[128], line[96];
    wtask_t *w = NULL;
    kerr_t e = wtask_create(name, b, n, 10, NULL, err, sizeof err, &w);
    KT_CHECK_EQ(e, KERR_OK);
    if (e)
        return;
    KT_CHECK_EQ(wtask_start(w), KERR_OK);
    wasm_memory_t *mem = NULL;
    for (int i = 0; i < 200 && !mem; i++) {      /* instantiated, running */
        sleep_ms(5);
        mem = w->inst ? wasm_instance_memory(w->inst) : NULL;
    }
    KT_CHECK(mem != NULL);
    KT_CHECK(!wtask_done(w));
    uintptr_t page = 0;
    if (mem && wasm_memory_size(mem) == 65536) {
        /* A page wholly inside the memory block: nothing else lives there. */
        page = ALIGN_UP((uintptr_t)wasm_memory_data(mem), ARCH_PAGE_SIZE) + 4 * ARCH_PAGE_SIZE;
        KT_CHECK_EQ(arch_unmap(page, ARCH_PAGE_SIZE), 0);
    }
    KT_CHECK(wait_done(w, 5000));
    ksnprintf(line, sizeof line, "task %s trapped: out of bounds memory access", name);
    KT_CHECK(wtask_log_has(NULL, line, false));
    /* Map it back before the reaper frees the memory (RAM is identity
     * mapped read-write). */
    if (page)
        KT_CHECK_EQ(arch_map(page, page, ARCH_PAGE_SIZE, ARCH_PROT_R | ARCH_PROT_W), 0);
    wtask_release(w);
    wtask_reap();

    /* The kernel goes on: another wasm task runs to its end. */
    wtask_t *ok = NULL;
    e = wtask_create(after, wtask_test_work, wtask_test_work_len, 10, NULL, err, sizeof err,
                     &ok);
    KT_CHECK_EQ(e, KERR_OK);
    if (e)
        return;
    KT_CHECK_EQ(wtask_start(ok), KERR_OK);
    KT_CHECK(wait_done(ok, 5000));
    ksnprintf(line, sizeof line, "task %s exited with code 7", after);
    KT_CHECK(wtask_log_has(NULL, line, false));
    wtask_release(ok);
    wtask_reap();
    KT_CHECK(sched_current()->recover == NULL);   /* the boot task runs no wasm */
}

KTEST(guest_fault_load_traps_the_task)
{
    fault_case("t-mf-load", "t-ok-load", wtask_test_memfault_load, wtask_test_memfault_load_len);
}

KTEST(guest_fault_store_traps_the_task)
{
    fault_case("t-mf-store", "t-ok-store", wtask_test_memfault_store, wtask_test_memfault_store_len);
}

KTEST(guest_fault_fill_traps_the_task)
{
    fault_case("t-mf-fill", "t-ok-fill", wtask_test_memfault_fill, wtask_test_memfault_fill_len);
}

KTEST(guest_fault_copy_traps_the_task)
{
    fault_case("t-mf-copy", "t-ok-copy", wtask_test_memfault_copy, wtask_test_memfault_copy_len);
}
