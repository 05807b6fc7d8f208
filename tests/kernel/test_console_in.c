/*
 * test_console_in.c - console input's ring on the host (src/object/
 * console_in.c, bytes handed in as the receive interrupt would): CR and
 * CR LF become LF, the ring wraps, a full ring drops and counts what does
 * not fit and never overwrites what waits, and a blocked reader is woken
 * by input, by its timeout, or ended by a kill.
 */
#include <string.h>

#include "kernel/console_in.h"
#include "kernel/sched.h"
#include "mm.h"
#include "ut.h"
#include "ut_task.h"

extern uint64_t ut_fake_time_ns;


/* Input arrives as the interrupt handler hands it in. */
static void feed(const char *s, size_t n)
{
    kernel_console_input((const uint8_t *)s, n);
}

/* Empty the ring (it is the kernel's one, shared by the tests). */
static void drain(void)
{
    uint8_t b[256];
    while (conin_read(b, sizeof b))
        ;
    feed("x", 1);                       /* forget a trailing CR */
    conin_read(b, sizeof b);
}

UT(conin_cr_and_crlf_become_lf)
{
    drain();
    const char in[] = "ab\rcd\r\nef\n\r\r\ng\r";
    feed(in, sizeof in - 1);
    char out[64] = {0};
    UT_CHECK_EQ(conin_available(), 13);
    UT_CHECK_EQ(conin_read((uint8_t *)out, sizeof out), 13);
    UT_CHECK(memcmp(out, "ab\ncd\nef\n\n\ng\n", 13) == 0);
    /* A CR LF split across two interrupts is still one LF. */
    feed("\n", 1);
    UT_CHECK_EQ(conin_available(), 0);
    feed("\n", 1);                      /* a second LF is a line of its own */
    UT_CHECK_EQ(conin_read((uint8_t *)out, sizeof out), 1);
    UT_CHECK_EQ(out[0], '\n');
}

UT(conin_ring_wraps_in_order)
{
    drain();
    static char in[3000], out[3000];
    uint64_t dropped0 = conin_dropped();
    for (int round = 0; round < 5; round++) {      /* 15000 bytes: wraps thrice */
        for (size_t i = 0; i < sizeof in; i++)
            in[i] = (char)('a' + (i + (size_t)round * 7) % 26);
        feed(in, 1000);                 /* in pieces, as interrupts bring them */
        feed(in + 1000, 2000);
        UT_CHECK_EQ(conin_available(), sizeof in);
        size_t got = conin_read((uint8_t *)out, 1234);
        got += conin_read((uint8_t *)out + got, sizeof out - got);
        UT_CHECK_EQ(got, sizeof in);
        UT_CHECK(memcmp(in, out, sizeof in) == 0);
        UT_CHECK(!conin_ready());
    }
    UT_CHECK_EQ(conin_dropped(), dropped0);
}

UT(conin_full_ring_drops_and_counts)
{
    drain();
    static char in[CONIN_RING + 100], out[CONIN_RING + 100];
    for (size_t i = 0; i < sizeof in; i++)
        in[i] = (char)('A' + i % 23);
    uint64_t dropped0 = conin_dropped();
    feed(in, 10);                       /* partly read first: head and tail apart */
    UT_CHECK_EQ(conin_read((uint8_t *)out, 5), 5);
    feed(in + 10, sizeof in - 10);
    /* 5 waited, CONIN_RING - 5 more fit, the rest is dropped. */
    UT_CHECK_EQ(conin_available(), CONIN_RING);
    uint64_t lost = (sizeof in - 10) - (CONIN_RING - 5);
    UT_CHECK_EQ(conin_dropped() - dropped0, lost);
    size_t got = conin_read((uint8_t *)out + 5, sizeof out);
    UT_CHECK_EQ(got, CONIN_RING);
    /* What waited first is still there, in order: nothing overwritten. */
    UT_CHECK(memcmp(out, in, CONIN_RING + 5) == 0);
    feed("z", 1);                       /* room again */
    UT_CHECK_EQ(conin_read((uint8_t *)out, sizeof out), 1);
    UT_CHECK_EQ(conin_dropped() - dropped0, lost);
}

/* A reader task: waits for input (deadline in arg, UINT64_MAX: none),
 * then reads; exit code: bytes read, or 100 + the wait's error. */
static void reader(void *arg)
{
    uint64_t deadline = (uintptr_t)arg ? ut_fake_time_ns + (uintptr_t)arg : UINT64_MAX;
    kerr_t e = conin_wait(deadline);
    if (e)
        task_exit(100 - (int)e);
    uint8_t b[16];
    task_exit((int)conin_read(b, sizeof b));
}

static task_t *start_reader(uintptr_t timeout)
{
    task_t *t = NULL;
    UT_CHECK_EQ(task_create(NULL, "reader", BOOT_PRIO + 1, 8, reader, (void *)timeout, &t), KERR_OK);
    UT_CHECK_EQ(task_start(t), KERR_OK);
    return t;
}


UT(conin_blocked_reader_woken_timed_out_killed)
{
    sched_init();
    drain();
    /* Woken by input. */
    task_t *a = start_reader(0);
    UT_CHECK_EQ(a->state, TASK_BLOCKED_INPUT);
    feed("hi\r\n", 4);
    UT_CHECK_EQ(finish(a), 3);
    /* Its timeout. */
    task_t *b = start_reader(30000000);
    UT_CHECK_EQ(b->state, TASK_BLOCKED_INPUT);
    UT_CHECK_EQ(finish(b), 100 - KERR_WOULD_BLOCK);
    /* A kill ends a reader with no timeout; input after it finds no one. */
    task_t *c = start_reader(0);
    UT_CHECK_EQ(c->state, TASK_BLOCKED_INPUT);
    task_kill(c, 7, NULL);
    UT_CHECK_EQ(finish(c), 7);
    feed("late", 4);
    UT_CHECK_EQ(conin_available(), 4);
    drain();
    task_reap();
}
