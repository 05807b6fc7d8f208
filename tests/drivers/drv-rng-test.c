// drv-rng-test.c - the virtio-rng driver (drivers/rng/virtio-rng.c) end to
// end on either architecture: starts it (with an ENTROPY capability with
// w (its own is rw) and a clock: it feeds the kernel's entropy pool at start and every
// second, docs/abi.md 4.6b), draws bytes through its IPC protocol, waits
// for a periodic feed, sends it bad requests, kills it while a client draws (a
// transfer in flight), revokes the endpoint's copies, starts a new driver
// (which resets the device) and draws again. Suite drivers-ARCH
// (tests/drivers/check.sh, command line hostile=drv*).
//
// group: drv-rng
// caps: console:w clock:r spawn:w device:virtio-rng:rw notification:rng-irq:rw endpoint:rng:rw notification:rng-done:rw entropy:rw
// expect: start the driver -> ok
// expect: draw 32 bytes -> 32 bytes, not all zero: yes
// expect: draw 32 more -> 32 bytes, differ from the first: yes
// expect: draw 4096 bytes -> 4096 bytes, byte values seen: at least 250 of 256: yes
// expect: entropy_add through a copy without w -> NO_RIGHTS
// expect: ask for 0 bytes -> 0 bytes
// expect: ask for 4097 bytes -> 0 bytes
// expect: unknown request -> 0 bytes
// expect: kill the driver while a client draws -> ok
// expect: revoke the endpoint's copies -> ok
// expect: start a new driver -> ok
// expect: draw 32 bytes from the new driver -> 32 bytes, not all zero: yes
// expect: done
// expect-not: FAILED
// expect-kernel: task virtio-rng killed: by task drv-rng-test
// expect-kernel: task drv-rng-client exited with code 0
// expect-kernel: task drv-rng-test exited with code 0
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jericho.h>

enum { CONSOLE = 0, CLOCK = 1, SPAWN = 2, DEVICE = 3, IRQ = 4, SERVICE = 5, DONE = 6,
       ENTROPY = 7, SCRATCH = 20 };   /* SCRATCH: clear of the spawned tasks' slots */

static int spawn(const char *name, const jericho_cap_t *caps, uint32_t n)
{
    return jericho_task_spawn(SPAWN, name, (uint32_t)strlen(name), caps, n, 10);
}

static int start_driver(void)
{
    const jericho_cap_t caps[] = {CONSOLE, DEVICE, IRQ, SERVICE, SPAWN, ENTROPY, CLOCK};
    return spawn("virtio-rng", caps, 7);
}

static void ok(const char *what, int rc)
{
    if (rc < 0)
        printf("%s -> %s\n", what, jericho_error_name(rc));
    else
        printf("%s -> ok\n", what);
}

static int draw(uint32_t op, uint32_t n, uint8_t *buf, uint32_t cap)
{
    uint32_t req[2] = {op, n};
    return jericho_call(SERVICE, req, sizeof req, buf, cap, JERICHO_NO_INFO);
}

static int nonzero(const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++)
        if (b[i])
            return 1;
    return 0;
}

static uint8_t a[4096], b[4096];

int main(void)
{
    int drv, rc, seen = 0;
    uint8_t hist[256] = {0};
    setvbuf(stdout, NULL, _IOLBF, 0);
    drv = start_driver();
    ok("start the driver", drv);
    rc = draw(1, 32, a, sizeof a);
    printf("draw 32 bytes -> %d bytes, not all zero: %s\n", rc, rc == 32 && nonzero(a, 32) ? "yes" : "no");
    rc = draw(1, 32, b, sizeof b);
    printf("draw 32 more -> %d bytes, differ from the first: %s\n", rc,
           rc == 32 && memcmp(a, b, 32) ? "yes" : "no");
    rc = draw(1, 4096, a, sizeof a);
    for (int i = 0; i < rc; i++)
        if (!hist[a[i]]++)
            seen++;
    printf("draw 4096 bytes -> %d bytes, byte values seen: at least 250 of 256: %s\n", rc,
           seen >= 250 ? "yes" : "no");
    /* the driver feeds the pool every second: give it time for one */
    jericho_sleep(CLOCK, 1300ll * 1000 * 1000);
    rc = jericho_cap_mint(ENTROPY, SCRATCH, JERICHO_R_READ, 0);
    if (rc < 0)
        printf("FAILED: mint an entropy capability without w: %s\n", jericho_error_name(rc));
    rc = jericho_entropy_add(SCRATCH, a, 32);
    printf("entropy_add through a copy without w -> %s\n", rc < 0 ? jericho_error_name(rc) : "ok");
    jericho_cap_delete(SCRATCH);
    printf("ask for 0 bytes -> %d bytes\n", draw(1, 0, a, sizeof a));
    printf("ask for 4097 bytes -> %d bytes\n", draw(1, 4097, a, sizeof a));
    printf("unknown request -> %d bytes\n", draw(7, 32, a, sizeof a));

    /* a client draws 4096 bytes at a time; kill the driver under it */
    {
        const jericho_cap_t caps[] = {CONSOLE, SERVICE, DONE};
        rc = spawn("drv-rng-client", caps, 3);
        if (rc < 0)
            printf("FAILED to spawn the client: %s\n", jericho_error_name(rc));
    }
    jericho_sleep(CLOCK, 20 * 1000 * 1000);
    ok("kill the driver while a client draws", jericho_task_kill(drv));
    /* the copies of the endpoint (the dead driver's, the client's): a call
     * still queued is withdrawn with DESTROYED */
    ok("revoke the endpoint's copies", jericho_cap_revoke(SERVICE));
    jericho_wait(DONE);
    jericho_cap_delete(drv);

    drv = start_driver();
    ok("start a new driver", drv);
    memset(a, 0, 32);
    rc = draw(1, 32, a, sizeof a);
    printf("draw 32 bytes from the new driver -> %d bytes, not all zero: %s\n", rc,
           rc == 32 && nonzero(a, 32) ? "yes" : "no");
    jericho_task_kill(drv);
    printf("done\n");
    return 0;
}
