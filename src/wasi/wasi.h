/*
 * wasi.h - the portable part of WASI preview 1 (`wasi_snapshot_preview1`),
 * shared by the kernel (src/syscall/sys_wasi*.c) and the host tool jwasm
 * (src/host/wasi*.c); builds freestanding and hosted, like src/interp/.
 *
 * What is here: the guest ABI's numbers (errnos, clock ids, file types,
 * event types), the table of every preview-1 function with its wasm
 * signature, checked access to guest memory (64-bit arithmetic on 32-bit
 * guest values, so nothing wraps), iovec decoding, the args/environ
 * layout, the fdstat record, and the poll_oneoff subscription/event
 * records. No I/O and no authority: each backend decides what a call may
 * do (the kernel from capabilities, jwasm from the host process).
 */
#ifndef JERICHO_WASI_WASI_H
#define JERICHO_WASI_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasm.h"

#define WASI_MODULE_NAME "wasi_snapshot_preview1"

/* WASI preview1 errno values (the guest ABI: numbers are fixed). */
typedef enum {
    WASI_ESUCCESS = 0,
    WASI_E2BIG = 1,
    WASI_EAGAIN = 6,
    WASI_EBADF = 8,
    WASI_EFAULT = 21,
    WASI_EINTR = 27,
    WASI_EINVAL = 28,
    WASI_EIO = 29,
    WASI_EISDIR = 31,
    WASI_ENOMEM = 48,
    WASI_ENOSPC = 51,
    WASI_ENOSYS = 52,
    WASI_ENOTSUP = 58,
    WASI_EOVERFLOW = 61,
    WASI_EPIPE = 64,
    WASI_ESPIPE = 70,
    WASI_ENOTCAPABLE = 76,
} wasi_errno_t;

/* Clock ids, file types, event types, fdstat rights (the bits used). */
enum { WASI_CLOCK_REALTIME = 0, WASI_CLOCK_MONOTONIC = 1,
       WASI_CLOCK_PROCESS_CPUTIME = 2, WASI_CLOCK_THREAD_CPUTIME = 3 };
enum { WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_CHARACTER_DEVICE = 2,
       WASI_FILETYPE_DIRECTORY = 3, WASI_FILETYPE_REGULAR_FILE = 4 };
enum { WASI_EVENTTYPE_CLOCK = 0, WASI_EVENTTYPE_FD_READ = 1, WASI_EVENTTYPE_FD_WRITE = 2 };
#define WASI_SUBCLOCK_ABSTIME 0x1u
#define WASI_RIGHT_FD_READ  (1u << 1)
#define WASI_RIGHT_FD_SEEK  (1u << 2)
#define WASI_RIGHT_FD_TELL  (1u << 5)
#define WASI_RIGHT_FD_WRITE (1u << 6)
#define WASI_RIGHT_POLL_FD_READWRITE (1u << 27)

/* ---- the functions of preview 1 -------------------------------------------- */

/* Every function of wasi_snapshot_preview1, in the order of the table. */
#define WASI_FUNCS(X) \
    X(args_get, "ii:i") X(args_sizes_get, "ii:i") X(environ_get, "ii:i") \
    X(environ_sizes_get, "ii:i") X(clock_res_get, "ii:i") X(clock_time_get, "iIi:i") \
    X(fd_advise, "iIIi:i") X(fd_allocate, "iII:i") X(fd_close, "i:i") X(fd_datasync, "i:i") \
    X(fd_fdstat_get, "ii:i") X(fd_fdstat_set_flags, "ii:i") X(fd_fdstat_set_rights, "iII:i") \
    X(fd_filestat_get, "ii:i") X(fd_filestat_set_size, "iI:i") \
    X(fd_filestat_set_times, "iIIi:i") X(fd_pread, "iiiIi:i") X(fd_prestat_get, "ii:i") \
    X(fd_prestat_dir_name, "iii:i") X(fd_pwrite, "iiiIi:i") X(fd_read, "iiii:i") \
    X(fd_readdir, "iiiIi:i") X(fd_renumber, "ii:i") X(fd_seek, "iIii:i") X(fd_sync, "i:i") \
    X(fd_tell, "ii:i") X(fd_write, "iiii:i") X(path_create_directory, "iii:i") \
    X(path_filestat_get, "iiiii:i") X(path_filestat_set_times, "iiiiIIi:i") \
    X(path_link, "iiiiiii:i") X(path_open, "iiiiiIIii:i") X(path_readlink, "iiiiii:i") \
    X(path_remove_directory, "iii:i") X(path_rename, "iiiiii:i") X(path_symlink, "iiiii:i") \
    X(path_unlink_file, "iii:i") X(poll_oneoff, "iiii:i") X(proc_exit, "i:") \
    X(proc_raise, "i:i") X(sched_yield, ":i") X(random_get, "ii:i") X(sock_accept, "iii:i") \
    X(sock_recv, "iiiiii:i") X(sock_send, "iiiii:i") X(sock_shutdown, "ii:i")

#define WASI_ID_(n, t) WASI_FN_##n,
typedef enum { WASI_FUNCS(WASI_ID_) WASI_FN_COUNT } wasi_fn_id_t;
#undef WASI_ID_

typedef struct {
    const char *name;
    const char *type;       /* 'i' = i32, 'I' = i64; params ':' results */
} wasi_sig_t;

extern const wasi_sig_t wasi_sigs[WASI_FN_COUNT];
/* The id of the preview-1 function called name, or -1. */
int wasi_fn_lookup(const char *name);
/* Does the wasm function type ft have the type string t? */
bool wasi_type_matches(const wasm_functype_t *ft, const char *t);
/* Fill a function type for type string t into ft, its value types into
 * vt (at least 16 bytes); false if t is longer. */
bool wasi_type_make(const char *t, wasm_functype_t *ft, uint8_t *vt, size_t nvt);

/* ---- guest memory (checked) ------------------------------------------------ */

/* Guest memory 0 as seen during one call (base NULL, size 0 if none). */
typedef struct {
    uint8_t *base;
    uint64_t size;
} wasi_mem_t;

/* Host pointer to [ptr, ptr+len) of guest memory, or NULL if any byte of
 * it is outside (64-bit sums: no wrap). len 0 at ptr <= size is in
 * bounds, but gives NULL when the module has no memory. */
uint8_t *wasi_mem_range(const wasi_mem_t *m, uint64_t ptr, uint64_t len);
/* Little-endian loads/stores; false (nothing written) if out of bounds. */
bool wasi_mem_get32(const wasi_mem_t *m, uint64_t ptr, uint32_t *v);
bool wasi_mem_get64(const wasi_mem_t *m, uint64_t ptr, uint64_t *v);
bool wasi_mem_put32(const wasi_mem_t *m, uint64_t ptr, uint32_t v);
bool wasi_mem_put64(const wasi_mem_t *m, uint64_t ptr, uint64_t v);
/* Is [ptr, ptr+len) inside guest memory (len 0: ptr <= size)? */
static inline bool wasi_mem_ok(const wasi_mem_t *m, uint64_t ptr, uint64_t len)
{
    return ptr <= m->size && len <= m->size - ptr;
}

/* ---- iovecs ------------------------------------------------------------------ */

/* Check an iovec array (n entries of {u32 buf, u32 len} at iovs) and
 * every buffer it names: EFAULT if the array or a buffer is outside
 * memory, EINVAL if the lengths add up to more than UINT32_MAX (a count
 * the call could not report). *total = the sum. */
wasi_errno_t wasi_iovs_check(const wasi_mem_t *m, uint32_t iovs, uint32_t n, uint64_t *total);
/* Entry i of a checked array: its length in *len and the host pointer,
 * NULL when the buffer is not (or, after a read into an earlier iovec
 * rewrote this one, no longer) in bounds; a length of 0 may give NULL. */
uint8_t *wasi_iov_at(const wasi_mem_t *m, uint32_t iovs, uint32_t i, uint32_t *len);

/* ---- args and environ ------------------------------------------------------------ */

/* A list of strings (argv or environ: "KEY=value"). */
typedef struct {
    uint32_t n;
    const char *const *v;
} wasi_strv_t;

/* args_sizes_get / environ_sizes_get: the count at count_ptr, the bytes
 * of all NUL-terminated strings at size_ptr. */
wasi_errno_t wasi_strv_sizes(const wasi_mem_t *m, const wasi_strv_t *s, uint32_t count_ptr,
                             uint32_t size_ptr);
/* args_get / environ_get: n u32 pointers at ptrs, the strings back to
 * back at buf. Everything is checked before anything is written. */
wasi_errno_t wasi_strv_get(const wasi_mem_t *m, const wasi_strv_t *s, uint32_t ptrs,
                           uint32_t buf);

/* ---- records ------------------------------------------------------------------ */

/* fd_fdstat_get's 24-byte record: u8 filetype, u16 flags at 2, u64
 * rights_base at 8, u64 rights_inheriting at 16. EFAULT if out of bounds. */
wasi_errno_t wasi_put_fdstat(const wasi_mem_t *m, uint32_t ptr, uint8_t filetype,
                             uint16_t flags, uint64_t rights_base, uint64_t rights_inh);

/* poll_oneoff: a 48-byte subscription, decoded. */
typedef struct {
    uint64_t userdata;
    uint8_t tag;                /* WASI_EVENTTYPE_* */
    uint32_t clock_id;          /* clock */
    uint64_t timeout;
    uint64_t precision;
    uint16_t flags;             /* WASI_SUBCLOCK_ABSTIME */
    uint32_t fd;                /* fd_read / fd_write */
} wasi_sub_t;
#define WASI_SUB_LEN 48u
#define WASI_EVENT_LEN 32u
/* Check poll_oneoff's arguments: nsubs > 0 (else EINVAL), the in array
 * (nsubs * 48), the out array (nsubs * 32) and nevents_ptr in bounds. */
wasi_errno_t wasi_poll_check(const wasi_mem_t *m, uint32_t in, uint32_t out, uint32_t nsubs,
                             uint32_t nevents_ptr);
/* Subscription i of a checked array. */
void wasi_sub_read(const wasi_mem_t *m, uint32_t in, uint32_t i, wasi_sub_t *s);
/* Write event k of a checked array: userdata, error, type, and for
 * fd_read/fd_write nbytes (flags 0). */
void wasi_event_put(const wasi_mem_t *m, uint32_t out, uint32_t k, uint64_t userdata,
                    wasi_errno_t err, uint8_t type, uint64_t nbytes);

#endif
