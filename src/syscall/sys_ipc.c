/*
 * sys_ipc.c - the IPC system calls on endpoints: send, nb_send, recv,
 * poll, call, reply, reply_recv (docs/abi.md 4.2), on top of the kernel
 * core's IPC (kernel/ipc.h).
 *
 * Everything is checked here in the ABI's order before the kernel is
 * called; the kernel re-checks its own part. Payloads are copied once,
 * by the kernel, from the sender's linear memory straight into the
 * receiver's. That is sound although a memory base can move on
 * memory.grow: a task's memory is grown only by its own code, and a task
 * whose buffer the kernel holds is blocked in this very call, not running
 * wasm; a killed task leaves every queue before its memory is freed.
 *
 * A reply may pass a capability iff the endpoint capability the call
 * came in through had GRANT (task_t.reply_grant, recorded by the kernel
 * core when it hands the call over); the caller's capability plays no
 * part, so a call always offers the lowest free slot for one, and the
 * server learns nothing about the caller's rights (a caller with no free
 * slot sees MSG_CAP_DROPPED; the reply succeeds).
 *
 * The message words carry what the ABI's info record needs and the
 * kernel's message does not: w[0] the full length as sent, w[1] flags
 * (a capability was offered, the sender used call).
 */
#include "kernel/cspace.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"
#include "wasmtask/wtask.h"
#include "klib.h"

#define I32(x) ((int32_t)(x).i32)
#define W1_CAP  0x1u
#define W1_CALL 0x2u

/* The receive half: buffer, info record (kernel address, NULL: none). */
typedef struct {
    uint8_t *buf;
    uint32_t buflen;
    uint8_t *info;
} rbuf_t;

/* Check the message [ptr, ptr+len): TOO_LONG, then OUT_OF_BOUNDS. */
static int32_t check_out(const sys_mem_t *v, uint32_t ptr, uint32_t len, uint8_t **p)
{
    if (len > SYS_MSG_MAX)
        return -SYS_E_TOO_LONG;
    return sys_mem(v, ptr, len, p);
}

/* Check a receive buffer and its info pointer (-1: none). */
static int32_t check_in(const sys_mem_t *v, uint32_t buf, uint32_t buflen, uint32_t info,
                        rbuf_t *rb)
{
    int32_t rc = sys_mem(v, buf, buflen, &rb->buf);
    rb->info = NULL;
    if (!rc && info != SYS_NO_PTR)
        rc = sys_mem(v, info, SYS_INFO_LEN, &rb->info);
    rb->buflen = buflen;
    return rc;
}

/* A capability slot to pass along: -1 none, else it must hold one and
 * the endpoint capability must have GRANT (given). */
static int32_t check_cap_arg(wtask_t *w, int32_t slot, bool grant)
{
    if (slot == -1)
        return 0;
    if (!grant)
        return -SYS_E_NO_RIGHTS;
    return sys_cap(w, slot, OBJ_NONE, 0, NULL, NULL);
}

/* Every field set by stores (an initializer of the whole message made GCC
 * call memset on arm64: 84 instructions per call). w[2], w[3] are zero:
 * the receiver sees only what this sender put there. */
static void msg_init(ipc_msg_t *m)
{
    m->w[2] = m->w[3] = 0;
    m->send_buf = NULL;
    m->send_len = 0;
    m->send_cap = IPC_NO_SLOT;
    m->recv_buf = NULL;
    m->recv_max = 0;
    m->recv_cap = IPC_NO_SLOT;
    m->recv_len = 0;
    m->badge = 0;
    m->cap_received = false;
    m->truncated = false;
}

static void set_send(ipc_msg_t *m, uint8_t *p, uint32_t len, int32_t cap, uint32_t flags)
{
    m->send_buf = p;
    m->send_len = len;
    m->send_cap = cap == -1 ? IPC_NO_SLOT : (uint32_t)cap;
    m->w[0] = len;
    m->w[1] = flags | (cap == -1 ? 0 : W1_CAP);
}

static void set_recv(ipc_msg_t *m, const rbuf_t *rb)
{
    m->recv_buf = rb->buf;
    m->recv_max = rb->buflen;
    m->recv_cap = IPC_ANY_SLOT;     /* the lowest free slot, when one comes */
}

/* After a receive: write the info record (the memory cannot have moved:
 * see the header) and return the byte count. */
static int32_t finish_recv(const ipc_msg_t *m, const rbuf_t *rb)
{
    uint8_t *ip = rb->info;
    if (ip) {
        uint32_t flags = 0;
        if (m->truncated)
            flags |= SYS_MSG_TRUNCATED;
        if ((m->w[1] & W1_CAP) && !m->cap_received)
            flags |= SYS_MSG_CAP_DROPPED;
        if (m->w[1] & W1_CALL)
            flags |= SYS_MSG_CALL;
        sys_put64(ip, m->badge);
        sys_put32(ip + 8, (uint32_t)m->w[0]);
        sys_put32(ip + 12, m->cap_received ? m->recv_cap : 0xffffffffu);
        sys_put32(ip + 16, flags);
        sys_put32(ip + 20, 0);
    }
    return (int32_t)m->recv_len;
}

static wasm_trap_t do_send(wasm_exec_t *ex, const wasm_val_t *a, wasm_val_t *r, bool block)
{
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t ep = I32(a[0]), cap = I32(a[3]);
    cap_t c;
    uint8_t *p;
    int32_t rc = sys_cap(w, ep, OBJ_ENDPOINT, SYS_R_WRITE, &c, NULL);
    if (!rc)
        rc = check_cap_arg(w, cap, cap_has(c, CAP_R_GRANT));
    if (!rc)
        rc = check_out(&v, a[1].i32, a[2].i32, &p);
    if (!rc) {
        ipc_msg_t m;
        msg_init(&m);
        set_send(&m, p, a[2].i32, cap, 0);
        m.recv_cap = IPC_NO_SLOT;
        kerr_t e = block ? ipc_send((uint32_t)ep, &m) : ipc_nbsend((uint32_t)ep, &m);
        rc = sys_err(e);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(send) { (void)env; return do_send(ex, a, r, true); }
SYS_DECL(nb_send) { (void)env; return do_send(ex, a, r, false); }

static wasm_trap_t do_recv(wasm_exec_t *ex, const wasm_val_t *a, wasm_val_t *r, bool block)
{
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t ep = I32(a[0]);
    rbuf_t rb;
    int32_t rc = sys_cap(w, ep, OBJ_ENDPOINT, SYS_R_READ, NULL, NULL);
    if (!rc)
        rc = check_in(&v, a[1].i32, a[2].i32, a[3].i32, &rb);
    if (!rc) {
        ipc_msg_t m;
        msg_init(&m);
        m.send_cap = IPC_NO_SLOT;
        set_recv(&m, &rb);
        kerr_t e = block ? ipc_recv((uint32_t)ep, &m) : ipc_poll((uint32_t)ep, &m);
        rc = e ? sys_err(e) : finish_recv(&m, &rb);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(recv) { (void)env; return do_recv(ex, a, r, true); }
SYS_DECL(poll) { (void)env; return do_recv(ex, a, r, false); }

/* The checks call and reply_recv share, in the ABI's order: the endpoint
 * capability in a[0] with `rights`, the message [a[1], a[1]+a[2]), the
 * receive buffer [a[3], a[3]+a[4]) and the info pointer a[5]. */
static int32_t check_exchange(const sys_mem_t *v, wtask_t *w, const wasm_val_t *a,
                              unsigned rights, uint8_t **p, rbuf_t *rb)
{
    int32_t rc = sys_cap(w, I32(a[0]), OBJ_ENDPOINT, rights, NULL, NULL);
    if (!rc)
        rc = check_out(v, a[1].i32, a[2].i32, p);
    if (!rc)
        rc = check_in(v, a[3].i32, a[4].i32, a[5].i32, rb);
    return rc;
}

SYS_DECL(call)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t ep = I32(a[0]);
    uint8_t *p;
    rbuf_t rb;
    int32_t rc = check_exchange(&v, w, a, SYS_R_WRITE, &p, &rb);
    if (!rc) {
        ipc_msg_t m;
        msg_init(&m);
        set_send(&m, p, a[2].i32, -1, W1_CALL);
        set_recv(&m, &rb);      /* the reply may bring a capability */
        kerr_t e = ipc_call((uint32_t)ep, &m);
        if (e == KERR_NO_REPLY)         /* the server dropped our reply right */
            e = KERR_DESTROYED;
        rc = e ? sys_err(e) : finish_recv(&m, &rb);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(reply)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    task_t *caller = w->task->reply_to;
    int32_t cap = I32(a[2]);
    uint8_t *p;
    /* The grant is the server's own: whether the capability it took the
     * call through had GRANT. Without a pending call the question has no
     * answer; NO_CALLER comes last, after the argument checks. The core
     * checks both again in its critical section. */
    int32_t rc = check_cap_arg(w, cap, caller ? w->task->reply_grant : true);
    if (!rc)
        rc = check_out(&v, a[0].i32, a[1].i32, &p);
    if (!rc && !caller)
        rc = -SYS_E_NO_CALLER;
    if (!rc) {
        ipc_msg_t m;
        msg_init(&m);
        set_send(&m, p, a[1].i32, cap, 0);
        m.recv_cap = IPC_NO_SLOT;
        rc = sys_err(ipc_reply(&m));
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}

SYS_DECL(reply_recv)
{
    (void)env;
    wtask_t *w = sys_self(ex);
    sys_mem_t v = sys_memview(ex);
    int32_t ep = I32(a[0]);
    uint8_t *p;
    rbuf_t rb;
    int32_t rc = check_exchange(&v, w, a, SYS_R_READ, &p, &rb);
    if (!rc) {
        ipc_msg_t m;
        msg_init(&m);
        set_send(&m, p, a[2].i32, -1, 0);
        set_recv(&m, &rb);
        kerr_t e = ipc_reply_recv((uint32_t)ep, &m);
        rc = e ? sys_err(e) : finish_recv(&m, &rb);
    }
    r[0].i32 = (uint32_t)rc;
    return WASM_TRAP_NONE;
}
