/*
 * test_wasi.c - unit tests of jwasm's WASI functions on a plain buffer
 * standing in for guest memory (no engine needed).
 *
 * Usage: test_wasi   prints one "OK name" / "FAILED name" line per test
 * and a last line "counts P F S"; exits 1 if any failed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/wasi_impl.h"

#define MEMSZ 65536u
static uint8_t membuf[MEMSZ];
static wasi_mem_t mem = { membuf, MEMSZ };
static wasi_ctx_t ctx;
static char *targv[] = { "prog.wasm", "alpha", "", "gamma!" };
static const char *fail_what;
static int fail_line;

#define CHECK(c) do { if (!(c)) { fail_what = #c; fail_line = __LINE__; return false; } } while (0)

static void setup(void)
{
    memset(membuf, 0xAA, MEMSZ);
    wasi_ctx_init(&ctx, 4, targv);
}

/* Call a table function by name with up to 4 args; returns the errno. */
static uint32_t call(const char *name, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    const wasi_entry_t *e = wasi_lookup(name);
    wasm_val_t args[4] = { { .raw = a0 }, { .raw = a1 }, { .raw = a2 }, { .raw = a3 } };
    wasm_val_t res[1] = { { .raw = 0xdead } };
    if (!e)
        return 0xffffffff;
    if (e->fn(&ctx, &mem, args, res) != WASM_TRAP_NONE)
        return 0xfffffffe;
    return res[0].i32;
}

static uint32_t rd32(uint32_t p)
{
    uint32_t v;
    return wasi_mem_get32(&mem, p, &v) ? v : 0xbad;
}

static uint64_t rd64(uint32_t p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void put_iov(uint32_t at, uint32_t buf, uint32_t len)
{
    wasi_mem_put32(&mem, at, buf);
    wasi_mem_put32(&mem, at + 4, len);
}

static bool t_mem_range(void)
{
    CHECK(wasi_mem_range(&mem, 0, MEMSZ) == membuf);
    CHECK(wasi_mem_range(&mem, MEMSZ, 0) == membuf + MEMSZ);
    CHECK(!wasi_mem_range(&mem, MEMSZ, 1));
    CHECK(!wasi_mem_range(&mem, MEMSZ - 3, 4));
    CHECK(!wasi_mem_range(&mem, 0xffffffffu, 0xffffffffu));
    CHECK(!wasi_mem_range(&mem, 1, UINT64_MAX));
    CHECK(!wasi_mem_range(&mem, UINT64_MAX, 2));
    wasi_mem_t none = { NULL, 0 };
    CHECK(!wasi_mem_range(&none, 0, 4));
    CHECK(!wasi_mem_put32(&mem, MEMSZ - 2, 1) && membuf[MEMSZ - 2] == 0xAA);
    return true;
}

static bool t_args(void)
{
    CHECK(call("args_sizes_get", 100, 104, 0, 0) == WASI_ESUCCESS);
    CHECK(rd32(100) == 4);
    CHECK(rd32(104) == 10 + 6 + 1 + 7);
    CHECK(call("args_get", 200, 300, 0, 0) == WASI_ESUCCESS);
    CHECK(rd32(200) == 300 && strcmp((char *)membuf + 300, "prog.wasm") == 0);
    CHECK(rd32(204) == 310 && strcmp((char *)membuf + 310, "alpha") == 0);
    CHECK(rd32(208) == 316 && membuf[316] == 0);
    CHECK(rd32(212) == 317 && strcmp((char *)membuf + 317, "gamma!") == 0);
    CHECK(membuf[324] == 0xAA);
    return true;
}

static bool t_args_fault(void)
{
    CHECK(call("args_sizes_get", MEMSZ - 2, 104, 0, 0) == WASI_EFAULT);
    CHECK(membuf[104] == 0xAA); /* validated before writing anything */
    CHECK(call("args_get", 200, MEMSZ - 5, 0, 0) == WASI_EFAULT);
    CHECK(membuf[200] == 0xAA);
    CHECK(call("args_get", MEMSZ - 8, 300, 0, 0) == WASI_EFAULT);
    CHECK(membuf[300] == 0xAA);
    CHECK(call("args_get", 0xfffffffc, 300, 0, 0) == WASI_EFAULT);
    return true;
}

static bool t_environ(void)
{
    CHECK(call("environ_sizes_get", 100, 104, 0, 0) == WASI_ESUCCESS);
    CHECK(rd32(100) == 0 && rd32(104) == 0);
    CHECK(call("environ_get", 200, 300, 0, 0) == WASI_ESUCCESS);
    CHECK(call("environ_sizes_get", 100, MEMSZ, 0, 0) == WASI_EFAULT);
    return true;
}

static bool t_fd_write(void)
{
    int p[2];
    char got[32] = { 0 };
    CHECK(pipe(p) == 0);
    ctx.host_fd[1] = p[1];
    memcpy(membuf + 1000, "Hello, ", 7);
    memcpy(membuf + 2000, "world!\n", 7);
    put_iov(64, 1000, 7);
    put_iov(72, 2000, 7);
    put_iov(80, 5000, 0); /* empty iovec: fine */
    uint32_t e = call("fd_write", 1, 64, 3, 96);
    ssize_t n = read(p[0], got, sizeof got - 1);
    close(p[0]);
    close(p[1]);
    CHECK(e == WASI_ESUCCESS);
    CHECK(rd32(96) == 14);
    CHECK(n == 14 && strcmp(got, "Hello, world!\n") == 0);
    return true;
}

static bool t_fd_write_fault(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    ctx.host_fd[1] = p[1];
    put_iov(64, 1000, 7);
    put_iov(72, MEMSZ - 3, 4); /* second buffer runs off the end */
    uint32_t e1 = call("fd_write", 1, 64, 2, 96);
    put_iov(72, 0xffffffff, 0xffffffff);
    uint32_t e2 = call("fd_write", 1, 64, 2, 96);
    uint32_t e3 = call("fd_write", 1, MEMSZ - 12, 2, 96);  /* iovec array */
    uint32_t e4 = call("fd_write", 1, 0xfffffff8, 2, 96);
    uint32_t e5 = call("fd_write", 1, 64, 1, MEMSZ - 1);  /* nwritten ptr */
    uint32_t e6 = call("fd_write", 1, 64, 0x20000000, 96); /* 2^32 bytes of iovecs */
    char c;
    ssize_t n = read(p[0], &c, 1);
    close(p[0]);
    close(p[1]);
    CHECK(e1 == WASI_EFAULT && e2 == WASI_EFAULT && e3 == WASI_EFAULT);
    CHECK(e4 == WASI_EFAULT && e5 == WASI_EFAULT && e6 == WASI_EFAULT);
    CHECK(n < 0);               /* nothing at all was written */
    CHECK(membuf[96] == 0xAA);
    wasi_mem_t none = { NULL, 0 };
    mem = none;
    uint32_t e7 = call("fd_write", 1, 0, 1, 8);
    mem = (wasi_mem_t){ membuf, MEMSZ };
    CHECK(e7 == WASI_EFAULT);
    return true;
}

static bool t_fd_badf(void)
{
    put_iov(64, 1000, 1);
    CHECK(call("fd_write", 3, 64, 1, 96) == WASI_EBADF);
    CHECK(call("fd_write", 0xffffffff, 64, 1, 96) == WASI_EBADF);
    CHECK(call("fd_read", 7, 64, 1, 96) == WASI_EBADF);
    CHECK(call("fd_close", 9, 0, 0, 0) == WASI_EBADF);
    CHECK(call("fd_close", 2, 0, 0, 0) == WASI_ESUCCESS);
    CHECK(call("fd_close", 2, 0, 0, 0) == WASI_EBADF);
    CHECK(call("fd_write", 2, 64, 1, 96) == WASI_EBADF);
    CHECK(fcntl(2, F_GETFD) >= 0); /* the host's stderr stays open */
    CHECK(call("fd_prestat_get", 3, 100, 0, 0) == WASI_EBADF);
    CHECK(call("fd_prestat_dir_name", 3, 100, 10, 0) == WASI_EBADF);
    return true;
}

static bool t_fd_read(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    ctx.host_fd[0] = p[0];
    CHECK(write(p[1], "abcdef", 6) == 6);
    close(p[1]);
    put_iov(64, 1000, 4);
    put_iov(72, 2000, 10);
    uint32_t e = call("fd_read", 0, 64, 2, 96);
    uint32_t n1 = rd32(96);
    uint32_t e2 = call("fd_read", 0, 64, 2, 96); /* end of file */
    uint32_t n2 = rd32(96);
    close(p[0]);
    CHECK(e == WASI_ESUCCESS && n1 == 6);
    CHECK(memcmp(membuf + 1000, "abcd", 4) == 0 && memcmp(membuf + 2000, "ef", 2) == 0);
    CHECK(membuf[2002] == 0xAA);
    CHECK(e2 == WASI_ESUCCESS && n2 == 0);
    return true;
}

static bool t_fd_seek_fdstat(void)
{
    char path[] = "/tmp/jwasm-test-XXXXXX";
    int fd = mkstemp(path);
    int p[2];
    CHECK(fd >= 0 && pipe(p) == 0);
    unlink(path);
    CHECK(write(fd, "0123456789", 10) == 10);
    ctx.host_fd[1] = fd;
    ctx.host_fd[2] = p[1];
    uint32_t e1 = call("fd_seek", 1, (uint64_t)-3, 2, 128);
    uint64_t off = rd64(128);
    uint32_t e2 = call("fd_seek", 1, 0, 3, 128);          /* bad whence */
    uint32_t e3 = call("fd_seek", 1, 0, 0, MEMSZ - 4);    /* bad pointer */
    uint32_t e4 = call("fd_seek", 2, 0, 1, 128);          /* a pipe */
    uint32_t e5 = call("fd_fdstat_get", 1, 256, 0, 0);
    uint8_t type = membuf[256];
    uint64_t rights = rd64(264);
    uint32_t e6 = call("fd_fdstat_get", 1, MEMSZ - 23, 0, 0);
    close(fd);
    close(p[0]);
    close(p[1]);
    CHECK(e1 == WASI_ESUCCESS && off == 7);
    CHECK(e2 == WASI_EINVAL && e3 == WASI_EFAULT && e4 == WASI_ESPIPE);
    CHECK(e5 == WASI_ESUCCESS && type == 4 && (rights & (1u << 2)) && (rights & (1u << 6)));
    CHECK(e6 == WASI_EFAULT);
    return true;
}

static bool t_clock(void)
{
    CHECK(call("clock_time_get", 1, 0, 400, 0) == WASI_ESUCCESS);
    uint64_t a = rd64(400);
    CHECK(call("clock_time_get", 1, 0, 400, 0) == WASI_ESUCCESS);
    uint64_t b = rd64(400);
    CHECK(a > 0 && b >= a);
    CHECK(call("clock_time_get", 0, 0, 400, 0) == WASI_ESUCCESS);
    CHECK(rd64(400) > 1600000000ull * 1000000000ull);
    CHECK(call("clock_time_get", 4, 0, 400, 0) == WASI_EINVAL);
    CHECK(call("clock_time_get", 1, 0, MEMSZ - 7, 0) == WASI_EFAULT);
    CHECK(call("clock_res_get", 1, 408, 0, 0) == WASI_ESUCCESS && rd64(408) > 0);
    return true;
}

static bool t_random(void)
{
    memset(membuf + 512, 0, 64);
    CHECK(call("random_get", 512, 64, 0, 0) == WASI_ESUCCESS);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero += membuf[512 + i] != 0;
    CHECK(nonzero > 32);
    CHECK(membuf[576] == 0xAA);
    CHECK(call("random_get", MEMSZ - 10, 11, 0, 0) == WASI_EFAULT);
    CHECK(call("random_get", 0xffffffff, 0xffffffff, 0, 0) == WASI_EFAULT);
    CHECK(call("random_get", MEMSZ, 0, 0, 0) == WASI_ESUCCESS);
    return true;
}

static bool t_proc_exit(void)
{
    wasm_val_t a = { .i32 = 42 };
    CHECK(wasi_lookup("proc_exit")->fn(&ctx, &mem, &a, NULL) == WASM_TRAP_HOST);
    CHECK(ctx.exited && ctx.exit_code == 42);
    CHECK(call("sched_yield", 0, 0, 0, 0) == WASI_ESUCCESS);
    return true;
}

static bool t_table_types(void)
{
    static const uint8_t p4[] = { WASM_I32, WASM_I32, WASM_I32, WASM_I32 };
    static const uint8_t seek[] = { WASM_I32, WASM_I64, WASM_I32, WASM_I32 };
    static const uint8_t r1[] = { WASM_I32 };
    wasm_functype_t fw = { 4, 1, p4, r1 }, fs = { 4, 1, seek, r1 };
    wasm_functype_t fexit = { 1, 0, p4, NULL }, fy = { 0, 1, NULL, r1 };
    CHECK(wasi_type_matches(&fw, wasi_lookup("fd_write")->type));
    CHECK(!wasi_type_matches(&fs, wasi_lookup("fd_write")->type));
    CHECK(wasi_type_matches(&fs, wasi_lookup("fd_seek")->type));
    CHECK(!wasi_type_matches(&fw, wasi_lookup("fd_seek")->type));
    CHECK(wasi_type_matches(&fexit, wasi_lookup("proc_exit")->type));
    CHECK(!wasi_type_matches(&fy, wasi_lookup("proc_exit")->type));
    CHECK(wasi_type_matches(&fy, wasi_lookup("sched_yield")->type));
    CHECK(!wasi_lookup("path_open") && !wasi_lookup(""));
    return true;
}

static const struct {
    bool (*fn)(void);
    const char *name;
} tests[] = {
    { t_mem_range, "mem_range bounds and wrap-around" },
    { t_args, "args_sizes_get/args_get layout" },
    { t_args_fault, "args_* bad pointers give EFAULT, write nothing" },
    { t_environ, "environ is empty" },
    { t_fd_write, "fd_write gathers iovecs to the host fd" },
    { t_fd_write_fault, "fd_write bad iovecs give EFAULT, write nothing" },
    { t_fd_badf, "bad and closed fds give EBADF; no preopens" },
    { t_fd_read, "fd_read scatters into iovecs" },
    { t_fd_seek_fdstat, "fd_seek and fd_fdstat_get" },
    { t_clock, "clock_time_get/clock_res_get" },
    { t_random, "random_get" },
    { t_proc_exit, "proc_exit records the code; sched_yield" },
    { t_table_types, "import types checked against the table" },
};

int main(void)
{
    int pass = 0, fail = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        setup();
        fail_what = NULL;
        if (tests[i].fn()) {
            printf("OK     %s\n", tests[i].name);
            pass++;
        } else {
            printf("FAILED %s: line %d: %s\n", tests[i].name, fail_line, fail_what);
            fail++;
        }
    }
    printf("counts %d %d 0\n", pass, fail);
    return fail ? 1 : 0;
}
