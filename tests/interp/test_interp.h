/*
 * test_interp.h - what the engine's host unit tests share: the wasm
 * directory, file reading, the CHECK macro, and the tests of test_backtrace.c and test_leaf.c.
 */
#ifndef JERICHO_TEST_INTERP_H
#define JERICHO_TEST_INTERP_H

#include <stdio.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* WASMDIR/name.wasm into buf (cap bytes); false if it cannot. */
bool test_read_file(const char *name, uint8_t *buf, size_t cap, size_t *n);

bool t_backtrace(void);
bool t_func_names(void);
bool t_leaf_calls(void);

/* A check inside a test function: prints where and what, returns false. */
#define CHECK(c) do { \
        if (!(c)) { \
            printf("    %s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
            return false; \
        } \
    } while (0)

#endif
