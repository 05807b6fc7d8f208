/*
 * test_spawn.c - task_spawn decodes and performs on the same state
 * (issue 10, defect 10). The spawn compiles the child's module with
 * interrupts on, so other tasks run meanwhile and may change the caller's
 * capabilities; the kernel then decodes the capabilities again and
 * performs in one critical section. sys_spawn_window_hook puts a change
 * exactly in that window: the spawn must then either give the child the
 * capabilities as they are at that moment or fail and leave nothing (no
 * child, its quota back to zero). The child module (boot module
 * kill-after-exit-child) sends one byte through its slot 0, which the
 * spawner receives (src/selftest/wasm/spawner.wat: exports rc and got):
 * a message means the child held a writable capability.
 */
#include "boot/modules.h"
#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/sched.h"
#include "selftest/ktest.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "mm.h"

extern const uint8_t wtask_test_spawner[];
extern const size_t wtask_test_spawner_len;

#define MS 1000000ull
#define EP_SLOT 240                 /* the test's own endpoint capability */

enum { KEEP, DROP_PASSED, DROP_SPAWN, KILL_SPAWNER, WEAKEN_PASSED };
static int mode;
static cnode_t *test_cs;            /* ours (the window runs in the spawner) */

/* In the window: change the spawner's capabilities as `mode` says. */
static void window(wtask_t *caller)
{
    cnode_t *cs = wtask_cspace(caller);
    switch (mode) {
    case DROP_PASSED: cap_delete(cs, 1); break;
    case DROP_SPAWN: cap_delete(cs, 0); break;
    case KILL_SPAWNER: task_kill(caller->task, -1, "by the self-test"); break;
    case WEAKEN_PASSED:
        cap_delete(cs, 1);
        cap_mint(test_cs, EP_SLOT, cs, 1, CAP_R_READ, 0);
        break;
    default: break;
    }
}

static int32_t export_i32(wtask_t *w, const char *name)
{
    wasm_extern_t x;
    if (w->inst && wasm_instance_export(w->inst, name, &x) && x.kind == WASM_EXTERN_GLOBAL)
        return (int32_t)wasm_global_get(x.u.global).i32;
    return -99999;
}

/* Run the spawner once with the window doing `how`: its rc and got (12345:
 * never set), and the quota's bytes once everything ended. A spawner still
 * waiting for a byte after a second is killed. */
static void run(int how, int32_t *rc, int32_t *got, uint64_t *left)
{
    char err[128];
    quota_t *q;
    wtask_t *w = NULL;
    *rc = *got = 0;
    *left = ~0ull;
    KT_CHECK_EQ(quota_create(NULL, 8u << 20, &q), KERR_OK);
    kobj_ref(&q->obj);
    KT_CHECK_EQ(wtask_create("t-spawner", wtask_test_spawner, wtask_test_spawner_len, 5, NULL,
                             err, sizeof err, &w), KERR_OK);
    if (!w)
        return;
    cnode_t *cs = wtask_cspace(w);
    KT_CHECK_EQ(cap_install(cs, 0, &q->obj, CAP_R_MANAGE, 0), KERR_OK);
    KT_CHECK_EQ(cap_mint(task_cspace(sched_current()), EP_SLOT, cs, 1, CAP_R_READ | CAP_R_WRITE, 0),
                KERR_OK);
    mode = how;
    sys_spawn_window_hook = window;
    KT_CHECK_EQ(wtask_start(w), KERR_OK);
    uint64_t end = arch_time_ns() + 1000 * MS;
    while (!wtask_done(w) && arch_time_ns() < end)
        sched_sleep_until(arch_time_ns() + 5 * MS);
    sys_spawn_window_hook = NULL;
    if (!wtask_done(w))
        wtask_kill(w, "by the self-test (no byte came)");
    while (!wtask_done(w))
        sched_sleep_until(arch_time_ns() + 5 * MS);
    *rc = export_i32(w, "rc");
    *got = export_i32(w, "got");
    wtask_release(w);
    for (int i = 0; i < 100 && q->used; i++) {     /* the child, if any, ends too */
        wtask_reap();
        task_reap();
        sched_sleep_until(arch_time_ns() + 5 * MS);
    }
    *left = q->used;
    kobj_unref(&q->obj);
}

KTEST(spawn_decodes_and_performs_on_one_state)
{
    if (!bootmod_find("kill-after-exit-child")) {
        KT_FAIL("the boot module kill-after-exit-child is missing");
        return;
    }
    endpoint_t *ep;
    cnode_t *mine = task_cspace(sched_current());
    KT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    KT_CHECK_EQ(cap_install(mine, EP_SLOT, &ep->obj, CAP_R_READ | CAP_R_WRITE, 0), KERR_OK);
    int32_t rc, got;
    uint64_t left;
    test_cs = mine;

    run(KEEP, &rc, &got, &left);            /* control: the child gets its capability */
    KT_CHECK_EQ(rc, 2);
    KT_CHECK_EQ(got, 1);                    /* the byte came */
    KT_CHECK_EQ(left, 0);

    run(DROP_PASSED, &rc, &got, &left);     /* the capability to pass went: no child */
    KT_CHECK_EQ(rc, -SYS_E_EMPTY_SLOT);
    KT_CHECK_EQ(got, 12345);
    KT_CHECK_EQ(left, 0);

    run(DROP_SPAWN, &rc, &got, &left);      /* the spawn capability went: no child */
    KT_CHECK_EQ(rc, -SYS_E_EMPTY_SLOT);
    KT_CHECK_EQ(got, 12345);
    KT_CHECK_EQ(left, 0);

    run(KILL_SPAWNER, &rc, &got, &left);    /* the spawner dies: it gives nothing out */
    KT_CHECK_EQ(rc, 12345);                 /* killed before it could store the result */
    KT_CHECK_EQ(got, 12345);
    KT_CHECK_EQ(left, 0);
    KT_CHECK(wtask_log_has(NULL, "task t-spawner killed: by the self-test", false));

    run(WEAKEN_PASSED, &rc, &got, &left);   /* the child gets the capability as it is now */
    KT_CHECK_EQ(rc, 2);
    KT_CHECK_EQ(got, 12345);                /* read-only: its send is refused */
    KT_CHECK(wtask_log_has(NULL, "task t-spawner killed: by the self-test (no byte came)", false));
    KT_CHECK_EQ(left, 0);

    cap_delete(mine, EP_SLOT);
    heap_check();
}
