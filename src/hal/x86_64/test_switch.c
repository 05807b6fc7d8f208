/*
 * test_switch.c - self-tests of arch_context_init/arch_context_switch on
 * x86-64: two contexts ping-pong (callee-saved registers survive, the SSE
 * state is per context), and a switch made from the timer interrupt
 * (through x86_timer_hook): two spinning contexts are preempted
 * round-robin, each keeps its SSE register, and each is later resumed
 * inside its interrupt and runs on where it was.
 */
#include "hal.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"
#include "x86.h"

#define STACK_SIZE (16 * 1024)
#define ROUNDS 1000

static arch_context_t main_ctx, other_ctx;
static volatile unsigned long counter;
static volatile bool stop;
static volatile uint64_t other_xmm;

/* Kernel C has no FP registers (-mgeneral-regs-only): reach xmm5 by hand. */
static void set_xmm5(uint64_t v)
{
    __asm__ volatile("movq %0, %%xmm5" : : "r"(v));
}
static uint64_t get_xmm5(void)
{
    uint64_t v;
    __asm__ volatile("movq %%xmm5, %0" : "=r"(v));
    return v;
}

static void pingpong_entry(void *arg)
{
    unsigned long step = (unsigned long)arg;
    set_xmm5(0x2222222222222222ull);
    for (;;) {
        counter += step;
        arch_context_switch(&other_ctx, &main_ctx);
        other_xmm = get_xmm5();
    }
}

KTEST(switch_pingpong)
{
    void *stack = kmalloc(STACK_SIZE);
    KT_CHECK(stack != NULL);
    if (!stack)
        return;
    arch_irqstate_t s = arch_irq_save();
    counter = 0;
    arch_context_init(&other_ctx, stack, STACK_SIZE, pingpong_entry, (void *)3ul);
    set_xmm5(0x1111111111111111ull);
    for (int i = 0; i < ROUNDS; i++) {
        arch_context_switch(&main_ctx, &other_ctx);
        if (get_xmm5() != 0x1111111111111111ull) {
            KT_FAIL("round %d: xmm5 of the main context changed", i);
            break;
        }
        if (i > 0 && other_xmm != 0x2222222222222222ull) {
            KT_FAIL("round %d: xmm5 of the other context changed", i);
            break;
        }
        set_xmm5(0x1111111111111111ull);
    }
    arch_irq_restore(s);
    KT_CHECK_EQ(counter, 3ul * ROUNDS);
    kfree(stack);
}

/* ---- preemption from the timer interrupt ---------------------------------- */

#define TICKS 6

static arch_context_t spin_ctx[2];
static volatile int cur, ticks_left;
static volatile unsigned long spins[2], bad[2], finished[2];

/* Runs in the timer interrupt of the spinning context (interrupts off):
 * round-robin between the two, then back to the test. */
static void preempt_on_tick(void)
{
    int from = cur;
    if (--ticks_left == 0) {
        x86_timer_hook = NULL;
        arch_context_switch(&spin_ctx[from], &main_ctx);
    } else {
        cur = from ^ 1;
        arch_context_switch(&spin_ctx[from], &spin_ctx[from ^ 1]);
    }
    /* Resumed: return from the interrupt into the loop. */
}

static void spin_entry(void *arg)
{
    int i = (int)(uintptr_t)arg;
    uint64_t mine = 0x5555000000000000ull + (uint64_t)i * 0x0101010101ull;
    set_xmm5(mine);
    while (!stop) {
        if (get_xmm5() != mine)
            bad[i]++;
        spins[i]++;
    }
    arch_irq_disable();
    finished[i] = 1;
    arch_context_switch(&spin_ctx[i], &main_ctx);
    panic("switch_irq: finished context resumed");
}

KTEST(switch_irq)
{
    void *stacks[2] = {kmalloc(STACK_SIZE), kmalloc(STACK_SIZE)};
    KT_CHECK(stacks[0] && stacks[1]);
    if (!stacks[0] || !stacks[1]) {
        kfree(stacks[0]);
        kfree(stacks[1]);
        return;
    }
    arch_irqstate_t s = arch_irq_save();
    for (int i = 0; i < 2; i++) {
        spins[i] = bad[i] = finished[i] = 0;
        arch_context_init(&spin_ctx[i], stacks[i], STACK_SIZE, spin_entry, (void *)(uintptr_t)i);
    }
    stop = false;
    cur = 0;
    ticks_left = TICKS;
    set_xmm5(0x1111111111111111ull);
    x86_timer_hook = preempt_on_tick;
    /* Only the timer interrupt brings us back here. */
    arch_context_switch(&main_ctx, &spin_ctx[0]);
    KT_CHECK_EQ(ticks_left, 0);
    KT_CHECK(!arch_irq_enabled());
    KT_CHECK(spins[0] > 0 && spins[1] > 0);
    KT_CHECK_EQ(bad[0], 0);
    KT_CHECK_EQ(bad[1], 0);
    KT_CHECK_EQ(get_xmm5(), 0x1111111111111111ull);
    /* Both are suspended inside their timer interrupts: resume each; it
     * returns from the interrupt, sees stop and comes back finished. */
    stop = true;
    for (int i = 0; i < 2; i++) {
        unsigned long seen = spins[i];
        arch_context_switch(&main_ctx, &spin_ctx[i]);
        KT_CHECK_EQ(finished[i], 1);
        KT_CHECK(spins[i] >= seen);
    }
    KT_CHECK(x86_timer_hook == NULL);
    arch_irq_restore(s);
    kfree(stacks[0]);
    kfree(stacks[1]);
}
