/*
 * ut_task.h - helpers the host kernel tests share for tasks and IPC:
 * make a task, join and drop it, an empty message, the boot task's
 * CSpace and an endpoint installed in one of its slots.
 */
#ifndef UT_TASK_H
#define UT_TASK_H

#include "kernel/cspace.h"
#include "kernel/endpoint.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "ut.h"

#define BOOT_PRIO (TASK_PRIO_MAX / 2)

static inline ipc_msg_t msg(void)
{
    ipc_msg_t m = {.send_cap = IPC_NO_SLOT, .recv_cap = IPC_NO_SLOT};
    return m;
}

static inline task_t *make(const char *name, unsigned prio, void (*fn)(void *), void *arg)
{
    task_t *t = NULL;
    UT_CHECK_EQ(task_create(NULL, name, prio, 8, fn, arg, &t), KERR_OK);
    return t;
}

/* Join t, drop the reference, return its exit code (-999 if none). */
static inline int finish(task_t *t)
{
    int code = -999;
    UT_CHECK_EQ(task_join(t, &code), KERR_OK);
    kobj_unref(&t->obj);
    return code;
}

static inline cnode_t *boot_cs(void)
{
    return task_cspace(sched_current());
}

/* A new endpoint whose capability (read, write, grant) is in the boot
 * task's slot. */
static inline endpoint_t *endpoint_at(uint32_t slot)
{
    endpoint_t *ep;
    UT_CHECK_EQ(endpoint_create(NULL, &ep), KERR_OK);
    UT_CHECK_EQ(cap_install(boot_cs(), slot, &ep->obj, CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0),
                KERR_OK);
    return ep;
}

#endif
