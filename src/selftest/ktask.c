/*
 * ktask.c - helpers for the kernel core's in-kernel tests
 * (include/selftest/ktask.h).
 */
#include "selftest/ktask.h"
#include "klib.h"
#include "selftest/ktest.h"

task_t *kt_create(const char *name, unsigned prio, void (*fn)(void *), void *arg)
{
    task_t *t;
    kerr_t e = task_create(NULL, name, prio, 8, fn, arg, &t);
    if (e) {
        KT_FAIL("task_create %s: %s", name, kerr_name(e));
        return NULL;
    }
    return t;
}

task_t *kt_spawn(const char *name, unsigned prio, void (*fn)(void *), void *arg)
{
    task_t *t = kt_create(name, prio, fn, arg);
    kerr_t e;
    if (t && (e = task_start(t)))
        KT_FAIL("task_start %s: %s", name, kerr_name(e));
    return t;
}

int kt_reap(task_t *t)
{
    int code = -999;
    if (!t)
        return code;
    kerr_t e = task_join(t, &code);
    if (e)
        KT_FAIL("task_join %s: %s", t->name, kerr_name(e));
    kobj_unref(&t->obj);
    return code;
}
