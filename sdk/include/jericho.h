/*
 * jericho.h - the JerichoOS system calls for C and C++ tasks built with
 * clang --target=wasm32-wasi (the SDK: sdk/README.md).
 *
 * Every function declared here is one import of the wasm module `jericho`,
 * with exactly the signature of docs/abi.md section 4 (the kernel's table
 * is src/syscall/table.c; tests/demos/sdk_check.py compares the two). The
 * kernel checks every call against the calling task's capabilities: a
 * capability is named by its slot, a small integer (jericho_cap_t); the
 * kernel never trusts anything else a task says about one.
 *
 * Results: calls returning int32_t give >= 0 on success (0 or a count) and
 * -code on failure, code being a jericho_error_t (JERICHO_E_*);
 * jericho_error_name() gives the ABI's name for printing. clock_now, wait
 * and poll_signal return int64_t, negative on failure in the same way.
 *
 * WASI preview 1 (printf, clocks, args, ...) is wasi-libc's business; its
 * calls are capability-checked too (docs/wasi.md). This header needs only
 * <stdint.h>: it works with or without wasi-libc, from C11 and C++11.
 */
#ifndef JERICHO_H
#define JERICHO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#define JERICHO_STATIC_ASSERT(c, m) static_assert(c, m)
#define JERICHO_NORETURN [[noreturn]]
#else
#define JERICHO_STATIC_ASSERT(c, m) _Static_assert(c, m)
#define JERICHO_NORETURN _Noreturn
#endif

/* Each call is a wasm import of module "jericho". Outside wasm (a host
 * build of code that only wants the types and numbers) the attributes are
 * left out, and calling a function is a link error. */
#if defined(__wasm__)
#define JERICHO_IMPORT(name) \
    __attribute__((import_module("jericho"), import_name(#name)))
#else
#define JERICHO_IMPORT(name)
#endif

/* ---- numbers (docs/abi.md section 3) ------------------------------------- */

/* A capability slot of the calling task's CSpace, 0..JERICHO_SLOTS-1, or
 * up to the manifest's `cspace: N` (32..JERICHO_CSPACE_MAX; jericho_slots()
 * says how many this task has). JERICHO_NO_CAP (-1) means "no capability"
 * where a call allows it. */
typedef int32_t jericho_cap_t;
#define JERICHO_SLOTS   32
#define JERICHO_CSPACE_MAX 1024
#define JERICHO_NO_CAP  ((jericho_cap_t)-1)

/* Largest message (send, call, reply) and console write, in bytes. */
#define JERICHO_MSG_MAX 4096u

/* Errors (abi 5): calls return -code. */
typedef enum {
    JERICHO_OK = 0,
    JERICHO_E_INVALID_SLOT = 1,     /* slot outside the CSpace (0..31 by default) */
    JERICHO_E_EMPTY_SLOT = 2,       /* no capability in that slot */
    JERICHO_E_WRONG_TYPE = 3,       /* not the type the call needs */
    JERICHO_E_NO_RIGHTS = 4,        /* lacks a right (or would gain one) */
    JERICHO_E_BAD_ARGUMENT = 5,     /* unknown bits, out-of-range number */
    JERICHO_E_OUT_OF_BOUNDS = 6,    /* pointer+length outside memory */
    JERICHO_E_WOULD_BLOCK = 7,      /* a non-blocking call found nothing */
    JERICHO_E_SLOT_OCCUPIED = 8,    /* destination slot full / no free slot */
    JERICHO_E_NO_MEMORY = 9,        /* the kernel is out of memory */
    JERICHO_E_QUOTA_EXCEEDED = 10,  /* the task's kernel-memory quota */
    JERICHO_E_DESTROYED = 11,       /* the object or peer went away */
    JERICHO_E_NOT_FOUND = 12,       /* no boot module of that name */
    JERICHO_E_NO_CALLER = 13,       /* reply with no call pending */
    JERICHO_E_TOO_LONG = 14,        /* longer than JERICHO_MSG_MAX */
    JERICHO_E_BAD_MODULE = 15,      /* task_spawn: the module did not start */
    JERICHO_E_BUSY = 16,            /* dev_irq_bind: another capability holds it */
} jericho_error_t;
#define JERICHO_E_COUNT 17

/* Rights (abi 3.1), a bit mask. */
#define JERICHO_R_READ  0x1u    /* receive, wait, read the clock, console input */
#define JERICHO_R_WRITE 0x2u    /* send, signal, console output, spawn, kill */
#define JERICHO_R_GRANT 0x4u    /* pass a capability with a message */
#define JERICHO_R_DMA   0x8u    /* memory region: mem_info gives its bus address */
#define JERICHO_R_ALL   0xfu

/* Capability types (abi 3.2), as cap_info reports them. */
typedef enum {
    JERICHO_T_CONSOLE = 1,
    JERICHO_T_CLOCK = 2,
    JERICHO_T_ENDPOINT = 3,
    JERICHO_T_NOTIFICATION = 4,
    JERICHO_T_TASK = 5,
    JERICHO_T_SPAWN = 6,
    JERICHO_T_MEMORY = 7,       /* a memory region (mem_*) */
    JERICHO_T_CNODE = 8,        /* reserved */
    JERICHO_T_ENTROPY = 9,      /* WASI random_get */
    JERICHO_T_DEVICE = 10,      /* a device found at boot (dev_*) */
    JERICHO_T_MONITOR = 11,     /* observe tasks and memory (mon_*) */
} jericho_captype_t;

/* What recv, poll, call and reply_recv say about a message (abi 3.3). */
typedef struct {
    uint64_t badge;     /* badge of the sender's capability (0 for a reply) */
    uint32_t len;       /* full length as sent (may exceed what was copied) */
    int32_t cap_slot;   /* where a transferred capability landed, or -1 */
    uint32_t flags;     /* JERICHO_MSG_* */
    uint32_t reserved;  /* 0 */
} jericho_msginfo_t;
#define JERICHO_MSG_TRUNCATED   0x1u    /* longer than the buffer: cut */
#define JERICHO_MSG_CAP_DROPPED 0x2u    /* a capability came, no free slot */
#define JERICHO_MSG_CALL        0x4u    /* the sender waits for reply() */
/* Pass as info when the record is not wanted (address 0 is valid memory). */
#define JERICHO_NO_INFO ((jericho_msginfo_t *)(uintptr_t)0xffffffffu)

/* What cap_info says about a slot (abi 3.4). */
typedef struct {
    uint32_t type;      /* jericho_captype_t */
    uint32_t rights;    /* JERICHO_R_* */
    uint64_t badge;
} jericho_capinfo_t;

/* What dev_info says about a device (abi 4.6). Addresses are not given. */
typedef struct {
    uint32_t kind;      /* JERICHO_WIN_* */
    uint32_t reserved;
    uint64_t size;      /* bytes */
} jericho_devwin_t;
typedef struct {
    uint32_t bus;       /* JERICHO_BUS_* */
    uint16_t vendor;    /* PCI ids; virtio-mmio: VendorID's low half */
    uint16_t device;    /* PCI ids; virtio-mmio: DeviceID */
    uint32_t pci_class; /* class, subclass, prog-if (0 for virtio-mmio) */
    uint32_t has_irq;   /* 1 if the device has an interrupt line */
    jericho_devwin_t win[7];    /* PCI: 0-5 the BARs, 6 config space */
} jericho_devinfo_t;
#define JERICHO_BUS_PCI         1
#define JERICHO_BUS_VIRTIO_MMIO 2
#define JERICHO_WIN_NONE        0
#define JERICHO_WIN_MMIO        1
#define JERICHO_WIN_PORTS       2
#define JERICHO_WIN_PCI_CONFIG  3

/* What mem_info says about a memory region (abi 4.7). */
typedef struct {
    uint64_t size;      /* bytes */
    uint64_t bus_addr;  /* for DMA, if the capability has JERICHO_R_DMA; else 0 */
} jericho_meminfo_t;

/* What the monitor calls report (abi 4.8). */
typedef struct {
    uint32_t set;       /* 0: demos, 1: the tests' table */
    uint32_t autostart; /* 1: its group starts it; 0: only task_spawn does */
    uint32_t ncaps;     /* capabilities its manifest lists */
    uint32_t wasm_len;  /* bytes of its module */
    char name[32];      /* NUL-terminated */
} jericho_modinfo_t;
typedef struct {
    uint64_t id;        /* the kernel's task id */
    uint32_t state;     /* JERICHO_TASK_* */
    uint32_t prio;
    uint64_t cpu_ns;    /* CPU time used, if flags has JERICHO_TASK_ACCOUNTED */
    uint64_t quota_used;    /* bytes of its quota in use (shared by a group) */
    uint64_t quota_limit;
    uint32_t flags;
    uint32_t reserved;
    char name[16];      /* NUL-terminated */
} jericho_taskinfo_t;
#define JERICHO_TASK_ACCOUNTED 0x1u
/* Task states (jericho_taskinfo_t.state). */
enum {
    JERICHO_TASK_INACTIVE = 0, JERICHO_TASK_READY = 1, JERICHO_TASK_RUNNING = 2,
    JERICHO_TASK_BLOCKED_SEND = 3, JERICHO_TASK_BLOCKED_RECV = 4,
    JERICHO_TASK_BLOCKED_REPLY = 5, JERICHO_TASK_BLOCKED_NOTIFY = 6,
    JERICHO_TASK_BLOCKED_JOIN = 7, JERICHO_TASK_BLOCKED_INPUT = 8,
    JERICHO_TASK_SLEEPING = 9,
};
typedef struct {
    uint32_t slot;
    uint32_t type;      /* jericho_captype_t */
    uint32_t rights;    /* JERICHO_R_* */
    uint32_t reserved;
    uint64_t badge;
} jericho_capsummary_t;
typedef struct {
    uint64_t ram_bytes;     /* RAM the kernel manages */
    uint64_t free_bytes;    /* of it, free frames */
    uint64_t heap_bytes;    /* the kernel heap's blocks in use */
    uint64_t pinned_bytes;  /* page tables */
    uint64_t uptime_ns;
    uint32_t ntasks;        /* live tasks (kernel threads included) */
    uint32_t reserved;
} jericho_sysmem_t;

JERICHO_STATIC_ASSERT(sizeof(jericho_msginfo_t) == 24, "abi 3.3: 24 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_capinfo_t) == 16, "abi 3.4: 16 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_devinfo_t) == 128, "abi 4.6: 128 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_meminfo_t) == 16, "abi 4.7: 16 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_modinfo_t) == 48, "abi 4.8: 48 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_taskinfo_t) == 64, "abi 4.8: 64 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_capsummary_t) == 24, "abi 4.8: 24 bytes");
JERICHO_STATIC_ASSERT(sizeof(jericho_sysmem_t) == 48, "abi 4.8: 48 bytes");

/* ---- console, clock, scheduling (abi 4.1) ------------------------------- */

/* CONSOLE w. Writes len bytes (at most JERICHO_MSG_MAX) as the task's
 * console lines; returns len. */
JERICHO_IMPORT(console_write)
int32_t jericho_console_write(jericho_cap_t console, const void *buf, uint32_t len);

/* CLOCK r. Nanoseconds since boot (>= 0), or -code. */
JERICHO_IMPORT(clock_now)
int64_t jericho_clock_now(jericho_cap_t clock);

/* CLOCK r. Blocks at least ns nanoseconds (0 yields); BAD_ARGUMENT if < 0. */
JERICHO_IMPORT(sleep)
int32_t jericho_sleep(jericho_cap_t clock, int64_t ns);

/* No capability: give up the rest of the time slice. */
JERICHO_IMPORT(yield)
void jericho_yield(void);

/* No capability: end the task with code (kernel line "task NAME exited
 * with code N"); its capabilities are released. Skips wasi-libc's atexit
 * handlers and stdio flushing: from a wasi-libc program prefer exit(). */
JERICHO_NORETURN JERICHO_IMPORT(exit)
void jericho_exit(int32_t code);

/* ---- IPC on endpoints (abi 4.2) ----------------------------------------- */

/* ENDPOINT w (+ GRANT when cap is not JERICHO_NO_CAP). Sends len bytes
 * and a copy of the capability in slot cap; blocks until received.
 * Returns 0. */
JERICHO_IMPORT(send)
int32_t jericho_send(jericho_cap_t ep, const void *buf, uint32_t len, jericho_cap_t cap);

/* As send, but only to a receiver already waiting: else WOULD_BLOCK. */
JERICHO_IMPORT(nb_send)
int32_t jericho_nb_send(jericho_cap_t ep, const void *buf, uint32_t len, jericho_cap_t cap);

/* ENDPOINT r. Blocks for a message; copies at most buflen bytes, fills
 * *info (or pass JERICHO_NO_INFO); returns the bytes copied. A message
 * sent with call() gives this task the right to reply() to it. */
JERICHO_IMPORT(recv)
int32_t jericho_recv(jericho_cap_t ep, void *buf, uint32_t buflen, jericho_msginfo_t *info);

/* As recv, but WOULD_BLOCK when nothing is queued. */
JERICHO_IMPORT(poll)
int32_t jericho_poll(jericho_cap_t ep, void *buf, uint32_t buflen, jericho_msginfo_t *info);

/* ENDPOINT w. Sends the message and blocks for the reply, received into
 * reply/replylen/info as recv does; returns the reply bytes copied. */
JERICHO_IMPORT(call)
int32_t jericho_call(jericho_cap_t ep, const void *msg, uint32_t len,
                     void *reply, uint32_t replylen, jericho_msginfo_t *info);

/* No capability: replies to the last call received (NO_CALLER if none).
 * cap (or JERICHO_NO_CAP) goes along if the server's endpoint capability
 * had GRANT. Never blocks; returns 0. */
JERICHO_IMPORT(reply)
int32_t jericho_reply(const void *buf, uint32_t len, jericho_cap_t cap);

/* ENDPOINT r. Reply (if a call is pending) then recv: a server's loop. */
JERICHO_IMPORT(reply_recv)
int32_t jericho_reply_recv(jericho_cap_t ep, const void *reply, uint32_t len,
                           void *buf, uint32_t buflen, jericho_msginfo_t *info);

/* ---- notifications (abi 4.3) -------------------------------------------- */

/* NOTIFICATION w. word |= bits | badge; wakes a waiter. Returns 0. */
JERICHO_IMPORT(signal)
int32_t jericho_signal(jericho_cap_t ntfn, uint32_t bits);

/* NOTIFICATION r. Blocks while the word is 0, then returns it (up to 48
 * bits, >= 0) and clears it; -code on failure. */
JERICHO_IMPORT(wait)
int64_t jericho_wait(jericho_cap_t ntfn);

/* As wait, but returns 0 at once when the word is 0. */
JERICHO_IMPORT(poll_signal)
int64_t jericho_poll_signal(jericho_cap_t ntfn);

/* ---- the task's own capabilities (abi 4.4) ------------------------------ */

/* dst gets a copy of src (same rights and badge), derived from it. */
JERICHO_IMPORT(cap_copy)
int32_t jericho_cap_copy(jericho_cap_t src, jericho_cap_t dst);

/* As copy with fewer rights (a subset of src's) and, if badge != 0, a
 * badge on an unbadged endpoint or notification (badge < 2^48). */
JERICHO_IMPORT(cap_mint)
int32_t jericho_cap_mint(jericho_cap_t src, jericho_cap_t dst, uint32_t rights, uint64_t badge);

/* Moves src to dst; src becomes empty. */
JERICHO_IMPORT(cap_move)
int32_t jericho_cap_move(jericho_cap_t src, jericho_cap_t dst);

/* Empties the slot (the object goes with its last capability). */
JERICHO_IMPORT(cap_delete)
int32_t jericho_cap_delete(jericho_cap_t slot);

/* Deletes every capability derived from the one in slot, in every task. */
JERICHO_IMPORT(cap_revoke)
int32_t jericho_cap_revoke(jericho_cap_t slot);

/* Fills *info with the slot's type, rights and badge. */
JERICHO_IMPORT(cap_info)
int32_t jericho_cap_info(jericho_cap_t slot, jericho_capinfo_t *info);

/* 1 if some capability (in any task) is derived from the one in slot,
 * else 0: a server that handed out a copy learns when the last one went. */
JERICHO_IMPORT(cap_derived)
int32_t jericho_cap_derived(jericho_cap_t slot);

/* ---- tasks (abi 4.5) ---------------------------------------------------- */

/* SPAWN w. Starts the boot module called name[0..name_len) with slot i
 * holding a copy of this task's slot caps[i] (JERICHO_NO_CAP: empty), at
 * priority prio (1..63, at most this task's). Returns the slot of a new
 * TASK capability (rights rw). */
JERICHO_IMPORT(task_spawn)
int32_t jericho_task_spawn(jericho_cap_t spawn, const char *name, uint32_t name_len,
                           const jericho_cap_t *caps, uint32_t ncaps, uint32_t prio);

/* SPAWN w. task_spawn, and the child's WASI argv after its name is the
 * words in args[0..args_len): each ended by a NUL, at most 32 of them,
 * args_len at most 1024 (instead of its manifest's args:). */
JERICHO_IMPORT(task_spawn_args)
int32_t jericho_task_spawn_args(jericho_cap_t spawn, const char *name, uint32_t name_len,
                                const jericho_cap_t *caps, uint32_t ncaps, uint32_t prio,
                                const char *args, uint32_t args_len);

/* TASK w. Ends that task; 0 also if it had ended. */
JERICHO_IMPORT(task_kill)
int32_t jericho_task_kill(jericho_cap_t task);

/* ---- devices (abi 4.6) -------------------------------------------------- */

/* DEVICE r. Fills *info. */
JERICHO_IMPORT(dev_info)
int32_t jericho_dev_info(jericho_cap_t dev, jericho_devinfo_t *info);

/* DEVICE r. The register of width 1, 2 or 4 bytes at off of window win,
 * zero-extended (>= 0), or -code. */
JERICHO_IMPORT(dev_read)
int64_t jericho_dev_read(jericho_cap_t dev, uint32_t win, uint32_t off, uint32_t width);

/* DEVICE r. The 8-byte register at off of window win, stored at *out. */
JERICHO_IMPORT(dev_read64)
int32_t jericho_dev_read64(jericho_cap_t dev, uint32_t win, uint32_t off, uint64_t *out);

/* DEVICE w. Writes val to the register of width 1, 2, 4 or 8 at off. */
JERICHO_IMPORT(dev_write)
int32_t jericho_dev_write(jericho_cap_t dev, uint32_t win, uint32_t off, uint32_t width,
                          uint64_t val);

/* DEVICE w, NOTIFICATION w. The device's interrupts signal ntfn with bits
 * and mask the line until dev_irq_ack; ntfn JERICHO_NO_CAP unbinds. */
JERICHO_IMPORT(dev_irq_bind)
int32_t jericho_dev_irq_bind(jericho_cap_t dev, jericho_cap_t ntfn, uint32_t bits);

/* DEVICE w (the capability that bound). Unmasks the line. */
JERICHO_IMPORT(dev_irq_ack)
int32_t jericho_dev_irq_ack(jericho_cap_t dev);

/* ---- memory regions (abi 4.7) ------------------------------------------- */

/* SPAWN w. A zeroed region of npages 4 KiB pages charged to the spawn
 * capability's quota; returns the slot of its MEMORY capability (rwd). */
JERICHO_IMPORT(mem_create)
int32_t jericho_mem_create(jericho_cap_t spawn, uint32_t npages);

/* MEMORY r. Copies region bytes [off, off+len) to buf. */
JERICHO_IMPORT(mem_read)
int32_t jericho_mem_read(jericho_cap_t mem, uint32_t off, void *buf, uint32_t len);

/* MEMORY w. Copies buf into region bytes [off, off+len). */
JERICHO_IMPORT(mem_write)
int32_t jericho_mem_write(jericho_cap_t mem, uint32_t off, const void *buf, uint32_t len);

/* MEMORY, any right. Fills *info. */
JERICHO_IMPORT(mem_info)
int32_t jericho_mem_info(jericho_cap_t mem, jericho_meminfo_t *info);

/* ---- the monitor (abi 4.8): observe, never control ---------------------- */

/* MONITOR r. Fills up to n records (n <= 256) with the boot modules;
 * returns how many there are (may exceed n). */
JERICHO_IMPORT(mon_modules)
int32_t jericho_mon_modules(jericho_cap_t mon, jericho_modinfo_t *buf, uint32_t n);

/* MONITOR r. Fills up to n records (n <= 256) with the live tasks, in one
 * snapshot; returns how many there are (may exceed n). */
JERICHO_IMPORT(mon_tasks)
int32_t jericho_mon_tasks(jericho_cap_t mon, jericho_taskinfo_t *buf, uint32_t n);

/* MONITOR r. Fills up to n records (n <= 256) with the non-empty slots of
 * the live task with this id; returns how many there are, or NOT_FOUND. */
JERICHO_IMPORT(mon_caps)
int32_t jericho_mon_caps(jericho_cap_t mon, uint64_t task_id, jericho_capsummary_t *buf,
                         uint32_t n);

/* MONITOR r. Fills *info with the kernel's memory figures. */
JERICHO_IMPORT(mon_mem)
int32_t jericho_mon_mem(jericho_cap_t mon, jericho_sysmem_t *info);

/* ---- entropy (abi 4.6b) --------------------------------------------------- */

/* ENTROPY w. Mixes the len bytes at buf (len <= 4096) into the kernel's
 * pool that WASI random_get draws from; they can change it, never
 * replace it. Returns 0. */
JERICHO_IMPORT(entropy_add)
int32_t jericho_entropy_add(jericho_cap_t ent, const void *buf, uint32_t len);

/* ---- helpers (no system call) -------------------------------------------- */

/* The ABI's name of an error code, as docs/abi.md spells it ("NO_RIGHTS");
 * takes code or -code, so a call's result can be passed as it is. */
static inline const char *jericho_error_name(int64_t code)
{
    static const char *const names[JERICHO_E_COUNT] = {
        "OK", "INVALID_SLOT", "EMPTY_SLOT", "WRONG_TYPE", "NO_RIGHTS",
        "BAD_ARGUMENT", "OUT_OF_BOUNDS", "WOULD_BLOCK", "SLOT_OCCUPIED",
        "NO_MEMORY", "QUOTA_EXCEEDED", "DESTROYED", "NOT_FOUND", "NO_CALLER",
        "TOO_LONG", "BAD_MODULE", "BUSY",
    };
    if (code < 0)
        code = -code;
    return code < JERICHO_E_COUNT ? names[code] : "UNKNOWN";
}

/* How many slots the calling task's CSpace has (JERICHO_SLOTS unless its
 * manifest said `cspace: N`): the lowest slot cap_info calls INVALID_SLOT,
 * found by bisection (about 10 cap_info calls). */
static inline uint32_t jericho_slots(void)
{
    jericho_capinfo_t ci;
    uint32_t lo = JERICHO_SLOTS, hi = JERICHO_CSPACE_MAX + 1;  /* lo valid, hi not */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (jericho_cap_info((jericho_cap_t)mid, &ci) == -JERICHO_E_INVALID_SLOT)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* The name of a capability type ("endpoint"), as manifests spell it. */
static inline const char *jericho_captype_name(uint32_t type)
{
    static const char *const names[] = {
        "none", "console", "clock", "endpoint", "notification", "task",
        "spawn", "memory", "cnode", "entropy", "device", "monitor",
    };
    return type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

#undef JERICHO_IMPORT
#ifdef __cplusplus
}
#endif
#endif /* JERICHO_H */
