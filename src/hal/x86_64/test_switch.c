/*
 * test_switch.c - self-tests of arch_context_init/arch_context_switch on
 * x86-64: two contexts ping-pong (callee-saved registers survive, the SSE
 * state is per context), and a switch made from the timer interrupt
 * (through x86_timer_hook) leaves the interrupted context and later
 * resumes it where it was.
 */
#include "hal.h"
#include "klib.h"
#include "ktest.h"
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

static volatile int hook_switches;

/* Runs in the timer interrupt of the spinning context: leave it. */
static void leave_on_tick(void)
{
    hook_switches++;
    x86_timer_hook = NULL;
    arch_context_switch(&other_ctx, &main_ctx);
    /* Resumed by the test: return from the interrupt into the loop. */
}

static void spin_entry(void *arg)
{
    (void)arg;
    while (!stop)
        counter++;
    arch_irq_disable();
    arch_context_switch(&other_ctx, &main_ctx);
    panic("switch_irq: finished context resumed");
}

KTEST(switch_irq)
{
    void *stack = kmalloc(STACK_SIZE);
    KT_CHECK(stack != NULL);
    if (!stack)
        return;
    arch_irqstate_t s = arch_irq_save();
    counter = 0;
    stop = false;
    hook_switches = 0;
    arch_context_init(&other_ctx, stack, STACK_SIZE, spin_entry, NULL);
    x86_timer_hook = leave_on_tick;
    /* Only the timer interrupt can bring us back here. */
    arch_context_switch(&main_ctx, &other_ctx);
    KT_CHECK_EQ(hook_switches, 1);
    KT_CHECK(!arch_irq_enabled());
    unsigned long seen = counter;
    KT_CHECK(seen > 0);
    /* Resume it inside its interrupt; it goes on counting until stop. */
    stop = true;
    arch_context_switch(&main_ctx, &other_ctx);
    KT_CHECK(counter >= seen);
    KT_CHECK(x86_timer_hook == NULL);
    arch_irq_restore(s);
    kfree(stack);
}
