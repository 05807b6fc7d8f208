/*
 * test_switch.c - self-tests of arch_context_init/arch_context_switch on
 * arm64: two contexts ping-pong (each keeps its own q registers, caller-
 * and callee-saved, and FPCR), and two contexts that never yield are
 * preempted round-robin from the timer interrupt (arm64_tick_hook), each
 * checking on every loop that its FP/SIMD register survived, then resumed
 * inside their interrupts and finished.
 */
#include "hal.h"
#include "klib.h"
#include "selftest/ktest.h"
#include "mm.h"
#include "arm64.h"

#define STACK_SIZE (16 * 1024)
#define ROUNDS 1000
#define TICKS 8

/* Kernel C has no FP registers (-mgeneral-regs-only): reach them by hand. */
#define SET_V(n, lo, hi)                                                    \
    __asm__ volatile("fmov d" #n ", %0\n mov v" #n ".d[1], %1" : : "r"(lo), "r"(hi) : "v" #n)
#define GET_V(n, lo, hi)                                                    \
    __asm__ volatile("mov %0, v" #n ".d[0]\n mov %1, v" #n ".d[1]" : "=r"(lo), "=r"(hi))

#define FPCR_RMODE_MASK (3ull << 22)

static arch_context_t main_ctx, ctx[2];

/* ---- ping-pong ------------------------------------------------------------ */

static volatile unsigned long counter;
static volatile unsigned long other_bad;

static void set_pattern(uint64_t p)
{
    SET_V(0, p, ~p);
    SET_V(8, p + 1, ~p + 1);
    SET_V(31, p + 2, ~p + 2);
}

/* 0 if v0, v8 and v31 hold the pattern p, else which one does not. */
static int check_pattern(uint64_t p)
{
    uint64_t lo, hi;
    GET_V(0, lo, hi);
    if (lo != p || hi != ~p)
        return 1;
    GET_V(8, lo, hi);
    if (lo != p + 1 || hi != ~p + 1)
        return 2;
    GET_V(31, lo, hi);
    if (lo != p + 2 || hi != ~p + 2)
        return 3;
    return 0;
}

static void pingpong_entry(void *arg)
{
    const uint64_t pat = 0x2222222233333333ull;
    arm64_sysreg_write(fpcr, 1ull << 22);     /* round towards +inf */
    set_pattern(pat);
    for (;;) {
        counter += (unsigned long)arg;
        arch_context_switch(&ctx[0], &main_ctx);
        if (check_pattern(pat) || (arm64_sysreg_read(fpcr) & FPCR_RMODE_MASK) != 1ull << 22)
            other_bad++;
    }
}

KTEST(switch_pingpong)
{
    const uint64_t pat = 0x1111111144444444ull;
    void *stack = kmalloc(STACK_SIZE);
    KT_CHECK(stack != NULL);
    if (!stack)
        return;
    arch_irqstate_t s = arch_irq_save();
    uint64_t fpcr0 = arm64_sysreg_read(fpcr);
    counter = other_bad = 0;
    arch_context_init(&ctx[0], stack, STACK_SIZE, pingpong_entry, (void *)3ul);
    set_pattern(pat);
    for (int i = 0; i < ROUNDS; i++) {
        arch_context_switch(&main_ctx, &ctx[0]);
        int bad = check_pattern(pat);
        if (bad) {
            KT_FAIL("round %d: FP register %d of the main context changed", i, bad);
            break;
        }
        if (arm64_sysreg_read(fpcr) != fpcr0) {
            KT_FAIL("round %d: FPCR of the main context changed", i);
            break;
        }
    }
    arch_irq_restore(s);
    KT_CHECK_EQ(counter, 3ul * ROUNDS);
    KT_CHECK_EQ(other_bad, 0);
    kfree(stack);
}

/* ---- preemption from the timer interrupt ---------------------------------- */

static volatile int cur, ticks_left;
static volatile bool stop;
static volatile unsigned long spins[2], bad[2], finished[2];

/* Runs in the timer interrupt of the spinning context (IRQs masked). */
static void preempt_on_tick(void)
{
    int from = cur;
    if (--ticks_left == 0) {
        arm64_tick_hook = NULL;
        arch_context_switch(&ctx[from], &main_ctx);
    } else {
        cur = from ^ 1;
        arch_context_switch(&ctx[from], &ctx[from ^ 1]);
    }
    /* Resumed: return from the interrupt into the loop. */
}

static void spin_entry(void *arg)
{
    int i = (int)(uintptr_t)arg;
    uint64_t p = 0x5555000000000000ull + (uint64_t)i * 0x0101010101ull;
    SET_V(16, p, ~p);
    while (!stop) {
        uint64_t lo, hi;
        GET_V(16, lo, hi);
        if (lo != p || hi != ~p)
            bad[i]++;
        spins[i]++;
    }
    arch_irq_disable();
    finished[i] = 1;
    arch_context_switch(&ctx[i], &main_ctx);
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
        arch_context_init(&ctx[i], stacks[i], STACK_SIZE, spin_entry, (void *)(uintptr_t)i);
    }
    stop = false;
    cur = 0;
    ticks_left = TICKS;
    arm64_tick_hook = preempt_on_tick;
    /* Only the timer interrupt brings us back here. */
    arch_context_switch(&main_ctx, &ctx[0]);
    KT_CHECK_EQ(ticks_left, 0);
    KT_CHECK(!arch_irq_enabled());
    KT_CHECK(spins[0] > 0 && spins[1] > 0);
    KT_CHECK_EQ(bad[0], 0);
    KT_CHECK_EQ(bad[1], 0);
    /* Both are suspended inside their timer interrupts: resume each; it
     * returns from the interrupt, sees stop and comes back finished. */
    stop = true;
    for (int i = 0; i < 2; i++) {
        unsigned long seen = spins[i];
        arch_context_switch(&main_ctx, &ctx[i]);
        KT_CHECK_EQ(finished[i], 1);
        KT_CHECK(spins[i] >= seen);
    }
    KT_CHECK(arm64_tick_hook == NULL);
    arch_irq_restore(s);
    kfree(stacks[0]);
    kfree(stacks[1]);
}
