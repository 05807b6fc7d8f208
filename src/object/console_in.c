/*
 * console_in.c - console input (include/kernel/console_in.h): the ring
 * buffer the serial receive interrupt fills and the queue of readers it
 * wakes. Part of the Console object (console.c): a CONSOLE capability
 * with READ is what lets a task read (checked by the system-call layer).
 *
 * Line ends are made Unix ones as the bytes arrive: CR becomes LF (a
 * terminal's Enter), and the LF of a CR LF pair is dropped, so a reader
 * sees one LF per line whatever the other end sends.
 *
 * The interrupt handler (kernel_console_input) runs with interrupts off;
 * every other access to the ring and the queue is in a critical section.
 * A reader blocks in TASK_BLOCKED_INPUT on the queue (and on the sleep
 * list when it has a timeout); task_cancel_wait takes it out of both, so
 * a kill or a timeout leaves nothing behind.
 */
#include "hal.h"
#include "kernel/console_in.h"
#include "kernel/crit.h"
#include "kernel/sched.h"

static uint8_t ring[CONIN_RING];
static uint32_t head, tail;          /* head - tail bytes waiting */
static uint64_t dropped;
static bool last_cr;                 /* the last byte received was a CR */
static taskq_t readers;
static bool started;

void conin_start(void)
{
    kcrit_t s = kcrit_enter();
    if (!started) {
        started = true;
        arch_console_input_start();
    }
    kcrit_leave(s);
}

void kernel_console_input(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        bool lf_of_crlf = c == '\n' && last_cr;
        last_cr = c == '\r';
        if (lf_of_crlf)
            continue;
        if (c == '\r')
            c = '\n';
        if (head - tail < CONIN_RING)
            ring[head++ % CONIN_RING] = c;
        else
            dropped++;              /* never overwrite what waits */
    }
    task_t *t;
    while ((t = taskq_pop(&readers))) {
        sched_cancel_sleep(t);
        sched_wake(t, KERR_OK);
    }
    if (sched_current())
        sched_preempt_check();
}

size_t conin_read(uint8_t *buf, size_t max)
{
    kcrit_t s = kcrit_enter();
    size_t n = 0;
    while (n < max && head != tail)
        buf[n++] = ring[tail++ % CONIN_RING];
    kcrit_leave(s);
    return n;
}

bool conin_ready(void)
{
    return conin_available() != 0;
}

size_t conin_available(void)
{
    kcrit_t s = kcrit_enter();
    size_t n = head - tail;
    kcrit_leave(s);
    return n;
}

kerr_t conin_wait(uint64_t deadline)
{
    kcrit_t s = kcrit_enter();
    kerr_t e = KERR_OK;
    if (head == tail) {
        taskq_push(&readers, sched_current());
        e = sched_block_until(TASK_BLOCKED_INPUT, deadline);
    }
    kcrit_leave(s);
    return e;
}

uint64_t conin_dropped(void)
{
    kcrit_t s = kcrit_enter();
    uint64_t d = dropped;
    kcrit_leave(s);
    return d;
}
