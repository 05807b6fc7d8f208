/*
 * test_allocfail.c - self-test: a wasm task whose module cannot be made
 * because an engine allocation fails is a clean error (issue 10, defect
 * 1; docs/hardening.md, "Allocation failures"). For several modules,
 * wtask_create (decode, validate, compile, bind imports) runs once to
 * count its engine allocations (K), then K times with allocation N
 * failing (wasmtask/wasm_rt.h fault injection), in two modes: only N
 * (later ones succeed), and N and every later one (a quota used up).
 * Each time: wtask_create fails with "out of memory", nothing stays
 * charged to the quota, the heap holds exactly the bytes it held before,
 * and heap_check finds every header intact (before the fix, a failed
 * growth of the compiler's code buffer wrote over the next block's
 * header). The host suites allocfail / allocfail-san do the same for the
 * whole pipeline on thousands of modules.
 *
 * Modules: the self-test modules (src/selftest/wasm/) and the boot
 * modules of the registry up to AF_MAX_BYTES (when the archive is there).
 */
#include "hal.h"
#include "boot/modules.h"
#include "kernel/quota.h"
#include "kernel/sched.h"
#include "wasmtask/wasm_rt.h"
#include "wasmtask/wtask.h"
#include "selftest/ktest.h"
#include "mm.h"

extern const uint8_t wtask_test_spin[], wtask_test_forever[], wtask_test_work[],
    wtask_test_fuzz[], wtask_test_greedy[], wtask_test_steady[], wtask_test_instkill[];
extern const size_t wtask_test_spin_len, wtask_test_forever_len, wtask_test_work_len,
    wtask_test_fuzz_len, wtask_test_greedy_len, wtask_test_steady_len, wtask_test_instkill_len;

/* Registry modules larger than this are left out (time: a sweep costs
 * about K/2 whole creations, K growing with the module). */
#define AF_MAX_BYTES 1024

typedef struct {
    uint32_t modules;
    uint64_t points;           /* allocations failed in turn, both modes */
    uint32_t bad;              /* runs that were not clean */
} af_stat_t;

/* A task that was made: never started, ended and freed. */
static void discard(wtask_t *w)
{
    wtask_kill(w, "by the self-test");
    wtask_release(w);
    wtask_reap();
    task_reap();
}

static kerr_t create(const char *name, const uint8_t *b, size_t n, quota_t *q, char *err,
                     size_t errlen, wtask_t **w)
{
    *w = NULL;
    err[0] = 0;
    return wtask_create(name, b, n, 10, q, err, errlen, w);
}

/* Fail each engine allocation of creating this module in turn. A module
 * that cannot be made at all (must_make false: a registry module meant
 * to be refused, e.g. for its imports) is left out. */
static void sweep(const char *name, const uint8_t *b, size_t n, quota_t *q, bool must_make,
                  af_stat_t *st)
{
    char err[128];
    wtask_t *w;
    /* twice without failures: the first may make the host functions
     * every task shares (syscall_lookup), the second counts */
    uint64_t k = 0;
    for (int i = 0; i < 2; i++) {
        wasm_rt_fail_at(UINT64_MAX, false);
        kerr_t e = create(name, b, n, q, err, sizeof err, &w);
        k = wasm_rt_fail_counted();
        wasm_rt_fail_at(0, false);
        if (e) {
            if (must_make)
                KT_FAIL("%s: wtask_create without failures: %s (%s)", name, kerr_name(e),
                        err);
            return;
        }
        discard(w);
    }
    if (q->used) {
        KT_FAIL("%s: %llu bytes charged after a task was freed", name,
                (unsigned long long)q->used);
        return;
    }
    st->modules++;
    for (int sticky = 0; sticky < 2; sticky++) {
        for (uint64_t at = 1; at <= k; at++) {
            size_t heap0 = heap_used_bytes();
            wasm_rt_fail_at(at, sticky);
            kerr_t e = create(name, b, n, q, err, sizeof err, &w);
            bool reached = wasm_rt_fail_counted() >= at;
            wasm_rt_fail_at(0, false);
            st->points++;
            const char *why = NULL;
            if (e == KERR_OK) {
                why = "wtask_create succeeded";
                discard(w);
            } else if (!reached) {
                why = "the failure was not reached";
            } else if (strncmp(err, "out of memory", 13) != 0) {
                why = "another error than out of memory";
            } else if (q->used) {
                why = "bytes left charged to the quota";
            } else if (heap_used_bytes() != heap0) {
                why = "heap bytes left";
            }
            if (why) {
                if (st->bad++ < 5)
                    KT_FAIL("%s: allocation %llu of %llu failing (%s): %s: %s (%s); "
                            "quota %llu, heap %zu -> %zu", name, (unsigned long long)at,
                            (unsigned long long)k, sticky ? "and later" : "only", why,
                            kerr_name(e), err, (unsigned long long)q->used, heap0,
                            heap_used_bytes());
            }
        }
        heap_check();   /* panics on a header written over */
    }
}

KTEST(wtask_alloc_fail_each)
{
    if (!sched_current())
        sched_init();
    static const struct {
        const char *name;
        const uint8_t *b;
        const size_t *n;
    } own[] = {
        { "t-spin", wtask_test_spin, &wtask_test_spin_len },
        { "t-forever", wtask_test_forever, &wtask_test_forever_len },
        { "t-work", wtask_test_work, &wtask_test_work_len },
        { "t-fuzz", wtask_test_fuzz, &wtask_test_fuzz_len },
        { "t-greedy", wtask_test_greedy, &wtask_test_greedy_len },
        { "t-steady", wtask_test_steady, &wtask_test_steady_len },
        { "t-instkill", wtask_test_instkill, &wtask_test_instkill_len },
    };
    quota_t *q;
    KT_CHECK_EQ(quota_create(NULL, 64u << 20, &q), KERR_OK);
    if (!q)
        return;
    kobj_ref(&q->obj);
    af_stat_t st = { 0, 0, 0 };
    uint64_t t0 = arch_time_ns();
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        sweep(own[i].name, own[i].b, *own[i].n, q, true, &st);
    uint32_t nreg = 0;
    for (int set = 0; set < BOOTMOD_NSETS; set++) {
        uint32_t n;
        const bootmod_t *m = bootmod_set((bootmod_set_t)set, &n);
        for (uint32_t i = 0; i < n; i++) {
            if (m[i].wasm_len > AF_MAX_BYTES)
                continue;
            uint32_t before = st.modules;
            sweep(m[i].name, m[i].wasm, m[i].wasm_len, q, false, &st);
            nreg += st.modules - before;
        }
    }
    kprintf("wtask_alloc_fail_each: %u modules (%u of them from the registry), %llu allocations "
            "failed in turn, %u not clean; %llu ms\n", st.modules, nreg,
            (unsigned long long)st.points, st.bad,
            (unsigned long long)((arch_time_ns() - t0) / 1000000));
    KT_CHECK(st.modules >= sizeof own / sizeof own[0]);
    KT_CHECK(st.points > 100);
    KT_CHECK_EQ(q->used, 0);
    kobj_unref(&q->obj);
    wtask_log_clear();          /* the kill lines of the discarded tasks */
}
