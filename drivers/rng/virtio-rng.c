/* virtio-rng.c - the virtio-rng driver task (drivers/README.md): resets
 * the device, lays its one request queue out in a memory region it
 * creates, feeds the kernel's entropy pool, and serves random bytes to
 * clients over IPC.
 *
 * Slots (given by whoever starts it: a manifest or task_spawn):
 *   0 console (w), 1 the virtio-rng DEVICE (rw), 2 a notification (rw) for
 *   its interrupt, 3 the service endpoint (r), 4 spawn (w: mem_create);
 *   optional: 5 ENTROPY (w: entropy_add), 6 clock (r).
 * Protocol: a client calls with {u32 op = 1 (GET), u32 n}, 1 <= n <= 4096,
 * and gets n random bytes as the reply; any other request gets an empty
 * reply. The driver asks the device for at most BUF bytes at a time and
 * repeats until n bytes came.
 * Feeding: with slot 5, FEED bytes from the device go into the kernel's
 * pool (entropy_add) before the first request is served; with slot 6
 * too, again every FEED_NS: the driver then takes requests with poll and
 * sleeps a tick when there is none (a request waits at most that long),
 * since a blocking recv would never wake to feed. */
#include <stdint.h>
#include <string.h>

#include <jericho.h>

#include "../virtio/virtio.h"

enum { CONSOLE = 0, DEVICE = 1, IRQ = 2, SERVICE = 3, SPAWN = 4, ENTROPY = 5, CLOCK = 6 };
#define RNG_GET 1u
#define BUF 4096u   /* one device request at most */
#define FEED 64u    /* bytes into the kernel's pool each time */
#define FEED_NS 1000000000ll    /* between feeds, with a clock */
#define IDLE_NS 10000000ll      /* sleep when no request waits: a tick */

static vio_dev_t dev;
static vio_queue_t q;
static jericho_cap_t region;
static uint64_t bus;
static uint32_t buf_off;    /* the request buffer, region offset */
static uint8_t out[JERICHO_MSG_MAX];

static void say(const char *s)
{
    jericho_console_write(CONSOLE, s, (uint32_t)strlen(s));
}

static _Noreturn void fail(const char *why)
{
    say("virtio-rng: FAILED: ");
    say(why);
    say("\n");
    jericho_exit(1);
}

/* n bytes from the device into out + at; the request is descriptor 0. */
static int draw(uint32_t at, uint32_t n)
{
    uint32_t id, len;
    int rc;
    if ((rc = vio_queue_put(&q, 0, bus + buf_off, n, VIO_DESC_WRITE)) != 0)
        return rc;
    vio_notify(&q);
    while ((rc = vio_queue_get(&q, &id, &len)) == 0) {
        int64_t w = jericho_wait(IRQ);
        if (w < 0)
            return (int)w;
        vio_isr(&dev);
        jericho_dev_irq_ack(DEVICE);
    }
    if (rc < 0)
        return rc;
    if (len > n)
        len = n;
    if ((rc = jericho_mem_read(region, buf_off, out + at, len)) != 0)
        return rc;
    return (int)len;
}

/* Does slot hold a capability of this type with these rights? */
static int holds(jericho_cap_t slot, uint32_t type, uint32_t rights)
{
    jericho_capinfo_t ci;
    return jericho_cap_info(slot, &ci) == 0 && ci.type == type && (ci.rights & rights) == rights;
}

/* FEED bytes from the device into the kernel's entropy pool. */
static void feed(void)
{
    int rc = draw(0, FEED);
    if (rc < 0)
        fail("device request");
    if (jericho_entropy_add(ENTROPY, out, (uint32_t)rc) != 0)
        fail("entropy_add");
    memset(out, 0, FEED);
}

/* The reply to request req (rc: its length or an error): its length,
 * the bytes in out. */
static uint32_t serve(int rc, const uint32_t *req)
{
    uint32_t got = 0;
    if (rc == 8 && req[0] == RNG_GET && req[1] >= 1 && req[1] <= JERICHO_MSG_MAX) {
        while (got < req[1]) {
            uint32_t n = req[1] - got;
            rc = draw(got, n < BUF ? n : BUF);
            if (rc < 0)
                fail("device request");
            got += (uint32_t)rc;
        }
    }
    return got;
}

int main(void)
{
    jericho_meminfo_t mi;
    uint32_t req[2], got;
    uint16_t qs;
    int rc;
    int feeding = holds(ENTROPY, JERICHO_T_ENTROPY, JERICHO_R_WRITE);
    int timed = feeding && holds(CLOCK, JERICHO_T_CLOCK, JERICHO_R_READ);
    if (vio_open(&dev, DEVICE, VIO_TYPE_RNG) != 0)
        fail("not a virtio-rng device");
    if (vio_reset(&dev) != 0)
        fail("reset");
    vio_accept(&dev, 0);
    qs = vio_queue_size(&dev, 0);
    if (!qs)
        fail("no request queue");
    buf_off = vio_ring_bytes(qs);
    rc = jericho_mem_create(SPAWN, (buf_off + BUF) / 4096);
    if (rc < 0)
        fail("mem_create");
    region = rc;
    if (jericho_mem_info(region, &mi) != 0 || !mi.bus_addr)
        fail("no bus address (the region needs the DMA right)");
    bus = mi.bus_addr;
    if (vio_queue_setup(&q, &dev, 0, region, 0, bus) != 0)
        fail("queue setup");
    if (jericho_dev_irq_bind(DEVICE, IRQ, 1) != 0)
        fail("interrupt bind");
    vio_driver_ok(&dev);
    if (feeding) {
        feed();
        say("virtio-rng: fed the kernel's entropy pool\n");
    }
    say("virtio-rng: ready\n");
    if (!timed) {
        rc = jericho_recv(SERVICE, req, sizeof req, JERICHO_NO_INFO);
        for (;;) {
            got = serve(rc, req);
            rc = jericho_reply_recv(SERVICE, out, got, req, sizeof req, JERICHO_NO_INFO);
            if (rc < 0 && rc != -JERICHO_E_NO_CALLER)
                fail("service endpoint");
        }
    }
    int64_t last = jericho_clock_now(CLOCK);
    int again = 0;
    for (;;) {
        rc = jericho_poll(SERVICE, req, sizeof req, JERICHO_NO_INFO);
        if (rc == -JERICHO_E_WOULD_BLOCK) {
            int64_t now = jericho_clock_now(CLOCK);
            if (now - last >= FEED_NS) {
                feed();
                last = now;
                if (!again++)
                    say("virtio-rng: fed the kernel's entropy pool again (every second)\n");
            }
            jericho_sleep(CLOCK, IDLE_NS);
            continue;
        }
        if (rc < 0)
            fail("service endpoint");
        got = serve(rc, req);
        rc = jericho_reply(out, got, JERICHO_NO_CAP);
        if (rc < 0 && rc != -JERICHO_E_NO_CALLER)
            fail("reply");
    }
}
