/*
 * captypes.c - the one place that switches on the kernel object type:
 * names, meaningful rights, destroy, free, and the capability hooks.
 */
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/device.h"
#include "kernel/endpoint.h"
#include "kernel/entropy.h"
#include "kernel/memory.h"
#include "kernel/monitor.h"
#include "kernel/notification.h"
#include "kernel/quota.h"
#include "kernel/task.h"
#include "klib.h"
#include "mm.h"

const char *objtype_name(objtype_t t)
{
    switch (t) {
    case OBJ_NONE: return "null";
    case OBJ_ENDPOINT: return "endpoint";
    case OBJ_NOTIFICATION: return "notification";
    case OBJ_CNODE: return "cnode";
    case OBJ_TASK: return "task";
    case OBJ_MEMORY: return "memory";
    case OBJ_CONSOLE: return "console";
    case OBJ_CLOCK: return "clock";
    case OBJ_QUOTA: return "quota";
    case OBJ_ENTROPY: return "entropy";
    case OBJ_DEVICE: return "device";
    case OBJ_MONITOR: return "monitor";
    case OBJ_TYPE_COUNT: break;
    }
    return "?";
}

unsigned objtype_rights(objtype_t t)
{
    switch (t) {
    case OBJ_ENDPOINT: return CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT;
    case OBJ_CNODE: return CAP_R_READ | CAP_R_WRITE | CAP_R_MANAGE;
    case OBJ_TASK: return CAP_R_READ | CAP_R_MANAGE;
    case OBJ_MEMORY: return CAP_R_READ | CAP_R_WRITE | CAP_R_DMA;
    case OBJ_NOTIFICATION:
    case OBJ_DEVICE:
    case OBJ_ENTROPY:       /* r: draw (random_get); w: mix in (entropy_add) */
    case OBJ_CONSOLE:
    case OBJ_CLOCK: return CAP_R_READ | CAP_R_WRITE;
    case OBJ_QUOTA: return CAP_R_MANAGE;
    case OBJ_MONITOR: return CAP_R_READ;
    case OBJ_NONE:
    case OBJ_TYPE_COUNT: break;
    }
    return 0;
}

void objtype_destroy(kobj_t *o)
{
    switch ((objtype_t)o->type) {
    case OBJ_ENDPOINT: endpoint_destroy((endpoint_t *)o); return;
    case OBJ_NOTIFICATION: notification_destroy((notification_t *)o); return;
    case OBJ_CNODE: cnode_destroy((cnode_t *)o); return;
    case OBJ_TASK: task_destroy((task_t *)o); return;
    case OBJ_MEMORY: memregion_destroy((memregion_t *)o); return;
    case OBJ_QUOTA: quota_destroy((quota_t *)o); return;
    case OBJ_CONSOLE:
    case OBJ_CLOCK:
    case OBJ_ENTROPY:
    case OBJ_MONITOR:
    case OBJ_DEVICE: return;    /* devices outlive their capabilities */
    case OBJ_NONE:
    case OBJ_TYPE_COUNT: break;
    }
    panic("objtype_destroy: bad object type %u at %p", o->type, (void *)o);
}

void objtype_free(kobj_t *o)
{
    switch ((objtype_t)o->type) {
    case OBJ_ENDPOINT: endpoint_free((endpoint_t *)o); return;
    case OBJ_NOTIFICATION: notification_free((notification_t *)o); return;
    case OBJ_CNODE: kfree(o); return;
    case OBJ_TASK: task_free((task_t *)o); return;
    case OBJ_MEMORY: memregion_free((memregion_t *)o); return;
    case OBJ_QUOTA: quota_free((quota_t *)o); return;
    case OBJ_CONSOLE: console_free((console_t *)o); return;
    case OBJ_CLOCK: clock_free((kclock_t *)o); return;
    case OBJ_ENTROPY: entropy_free((entropy_t *)o); return;
    case OBJ_DEVICE: device_free((device_t *)o); return;
    case OBJ_MONITOR: monitor_free((monitor_t *)o); return;
    case OBJ_NONE:
    case OBJ_TYPE_COUNT: break;
    }
    panic("objtype_free: bad object type %u at %p", o->type, (void *)o);
}

void objtype_cap_deleted(cap_t c, cte_t *slot)
{
    switch (cap_type(c)) {
    case OBJ_ENDPOINT: endpoint_slot_deleted((endpoint_t *)cap_obj(c), slot); return;
    case OBJ_NOTIFICATION: notification_slot_deleted((notification_t *)cap_obj(c), slot); return;
    case OBJ_DEVICE: device_slot_deleted((device_t *)cap_obj(c), slot); return;
    default: return;
    }
}

void objtype_cap_moved(cap_t c, cte_t *from, cte_t *to)
{
    switch (cap_type(c)) {
    case OBJ_ENDPOINT: endpoint_slot_moved((endpoint_t *)cap_obj(c), from, to); return;
    case OBJ_NOTIFICATION: notification_slot_moved((notification_t *)cap_obj(c), from, to); return;
    case OBJ_DEVICE: device_slot_moved((device_t *)cap_obj(c), from, to); return;
    default: return;
    }
}

void objtype_cap_revoked(cap_t c)
{
    switch (cap_type(c)) {
    case OBJ_ENDPOINT:
        /* Withdrawing the sends other tasks made through their own
         * capabilities takes every endpoint right (as seL4's
         * cancelBadgedSends does): with fewer, a revoke affects only the
         * descendants it deleted (docs/abi.md 4.4, cap_revoke). */
        if (cap_badge(c) && cap_has(c, objtype_rights(OBJ_ENDPOINT)))
            endpoint_badge_revoked((endpoint_t *)cap_obj(c), cap_badge(c));
        return;
    default: return;
    }
}
