/*
 * ut.h - the host unit-test harness of the kernel core: UT(name) registers
 * a test, UT_CHECK records a failure, UT_EXPECT_PANIC runs a statement that
 * must end in panic() (the harness's panic longjmps back), ut_ram_init
 * gives pmm and the heap a fresh fake RAM region.
 */
#ifndef JERICHO_TESTS_KERNEL_UT_H
#define JERICHO_TESTS_KERNEL_UT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    const char *name;
    void (*fn)(void);
} ut_t;

void ut_register(const ut_t *t);
void ut_fail(const char *file, int line, const char *what);

#define UT(name_)                                                           \
    static void ut_fn_##name_(void);                                        \
    static const ut_t ut_##name_ = {#name_, ut_fn_##name_};                 \
    __attribute__((constructor)) static void ut_reg_##name_(void)           \
    {                                                                       \
        ut_register(&ut_##name_);                                           \
    }                                                                       \
    static void ut_fn_##name_(void)

#define UT_CHECK(c) do { if (!(c)) ut_fail(__FILE__, __LINE__, #c); } while (0)
#define UT_CHECK_EQ(a, b)                                                   \
    do {                                                                    \
        long long a_ = (long long)(a), b_ = (long long)(b);                 \
        if (a_ != b_) {                                                     \
            char m_[256];                                                   \
            snprintf(m_, sizeof m_, "%s == %s (%lld != %lld)", #a, #b, a_, b_); \
            ut_fail(__FILE__, __LINE__, m_);                                \
        }                                                                   \
    } while (0)

extern jmp_buf *ut_panic_jmp;
extern char ut_panic_msg[256];

#define UT_EXPECT_PANIC(stmt)                                               \
    do {                                                                    \
        jmp_buf jb_;                                                        \
        ut_panic_jmp = &jb_;                                                \
        if (setjmp(jb_) == 0) {                                             \
            stmt;                                                           \
            ut_panic_jmp = NULL;                                            \
            ut_fail(__FILE__, __LINE__, "expected a panic: " #stmt);        \
        }                                                                   \
        ut_panic_jmp = NULL;                                                \
    } while (0)

/* Fresh fake RAM of `bytes` (with a reserved range inside) for pmm_init
 * and heap_init; returns its base. */
uintptr_t ut_ram_init(size_t bytes);
/* A deterministic pseudo-random number. */
uint32_t ut_rand(void);
void ut_srand(uint32_t seed);

#endif
