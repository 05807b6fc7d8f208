/* virtio-rng.c - the virtio-rng driver task (drivers/README.md): resets
 * the device, lays its one request queue out in a memory region it
 * creates, and serves random bytes to clients over IPC.
 *
 * Slots (given by whoever starts it: a manifest or task_spawn):
 *   0 console (w), 1 the virtio-rng DEVICE (rw), 2 a notification (rw) for
 *   its interrupt, 3 the service endpoint (r), 4 spawn (w: mem_create).
 * Protocol: a client calls with {u32 op = 1 (GET), u32 n}, 1 <= n <= 4096,
 * and gets n random bytes as the reply; any other request gets an empty
 * reply. The driver asks the device for at most BUF bytes at a time and
 * repeats until n bytes came. */
#include <stdint.h>
#include <string.h>

#include <jericho.h>

#include "../virtio/virtio.h"

enum { CONSOLE = 0, DEVICE = 1, IRQ = 2, SERVICE = 3, SPAWN = 4 };
#define RNG_GET 1u
#define BUF 4096u   /* one device request at most */

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

int main(void)
{
    jericho_meminfo_t mi;
    uint32_t req[2], got;
    uint16_t qs;
    int rc;
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
    say("virtio-rng: ready\n");
    rc = jericho_recv(SERVICE, req, sizeof req, JERICHO_NO_INFO);
    for (;;) {
        got = 0;
        if (rc == (int)sizeof req && req[0] == RNG_GET && req[1] >= 1 &&
            req[1] <= JERICHO_MSG_MAX) {
            while (got < req[1]) {
                uint32_t n = req[1] - got;
                rc = draw(got, n < BUF ? n : BUF);
                if (rc < 0)
                    fail("device request");
                got += (uint32_t)rc;
            }
        }
        rc = jericho_reply_recv(SERVICE, out, got, req, sizeof req, JERICHO_NO_INFO);
        if (rc < 0 && rc != -JERICHO_E_NO_CALLER)
            fail("service endpoint");
    }
}
