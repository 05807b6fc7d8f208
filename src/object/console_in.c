/*
 * console_in.c - console input (include/kernel/console_in.h): the ring
 * buffer the serial receive interrupt fills and the queue of readers it
 * wakes. Part of the Console object (console.c): a CONSOLE capability
 * with READ is what lets a task read (checked by the system-call layer).
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
        if (head - tail < CONIN_RING)
            ring[head++ % CONIN_RING] = p[i];
        else
            dropped++;
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
    return __atomic_load_n(&head, __ATOMIC_RELAXED) != __atomic_load_n(&tail, __ATOMIC_RELAXED);
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
    return dropped;
}
