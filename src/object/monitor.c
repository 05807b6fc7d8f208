/*
 * monitor.c - the Monitor object (kernel/monitor.h): one kernel-owned
 * instance whose capability lets its holder observe tasks, CSpaces and
 * memory. Each walk is one critical section over task_all_, so it sees
 * every task whole: a task that ends during a listing is either in it
 * (with its state at that moment) or not.
 */
#include "kernel/crit.h"
#include "kernel/monitor.h"
#include "kernel/sched.h"
#include "klib.h"
#include "mm.h"

static monitor_t *the_monitor;

monitor_t *monitor_get(void)
{
    kcrit_t s = kcrit_enter();
    if (!the_monitor) {
        kerr_t e;
        the_monitor = (monitor_t *)kobj_alloc(OBJ_MONITOR, sizeof(monitor_t), NULL, &e);
        if (!the_monitor)
            panic("monitor: no memory for the monitor object");
        kobj_ref(&the_monitor->obj);    /* the kernel's: it never goes */
    }
    kcrit_leave(s);
    return the_monitor;
}

static bool listed(const task_t *t)
{
    return !t->is_idle && t->state != TASK_DEAD && task_cspace((task_t *)t);
}

uint32_t monitor_tasks(bool (*fn)(void *ctx, uint32_t i, const monitor_task_t *t), void *ctx)
{
    uint32_t n = 0;
    bool more = true;
    kcrit_t s = kcrit_enter();
    for (task_t *t = task_all_; t; t = t->all_next) {
        if (!listed(t))
            continue;
        if (more) {
            monitor_task_t m = {0};
            m.id = t->id;
            m.state = (uint32_t)t->state;
            m.prio = t->prio;
            m.accounted = t->accounted;
            m.cpu_ns = sched_cpu_ns(t);
            if (t->quota) {
                m.quota_used = t->quota->used;
                m.quota_limit = t->quota->limit;
            }
            strlcpy(m.name, t->name, sizeof m.name);
            more = fn(ctx, n, &m);
        }
        n++;
    }
    kcrit_leave(s);
    return n;
}

bool monitor_caps(uint64_t id, uint32_t max_slots,
                  void (*fn)(void *ctx, uint32_t i, const monitor_cap_t *c), void *ctx,
                  uint32_t *count)
{
    bool found = false;
    uint32_t n = 0;
    kcrit_t s = kcrit_enter();
    for (task_t *t = task_all_; t && !found; t = t->all_next) {
        if (t->id != id || !listed(t))
            continue;
        found = true;
        cnode_t *cn = task_cspace(t);
        for (uint32_t i = 0; i < cn->nslots && i < max_slots; i++) {
            cap_t c = cn->slots[i].cap;
            if (cap_is_null(c))
                continue;
            monitor_cap_t m = {i, cap_type(c), cap_rights(c), cap_badge(c)};
            fn(ctx, n++, &m);
        }
    }
    kcrit_leave(s);
    *count = n;
    return found;
}

void monitor_mem(monitor_mem_t *m)
{
    uint32_t n = 0;
    kcrit_t s = kcrit_enter();
    for (task_t *t = task_all_; t; t = t->all_next)
        n += listed(t) ? 1 : 0;
    kcrit_leave(s);
    m->ram_bytes = (uint64_t)pmm_total_pages() * PAGE_SIZE;
    m->free_bytes = (uint64_t)pmm_free_pages() * PAGE_SIZE;
    m->heap_bytes = heap_used_bytes();
    m->pinned_bytes = (uint64_t)pmm_pinned_pages() * PAGE_SIZE;
    m->uptime_ns = arch_time_ns();
    m->ntasks = n;
}

void monitor_free(monitor_t *m)
{
    kfree(m);
}
