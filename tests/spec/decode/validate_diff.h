/*
 * validate_diff.h - the validator's fast path against its general path
 * (validate_diff.c).
 */
#ifndef JERICHO_TESTS_VALIDATE_DIFF_H
#define JERICHO_TESTS_VALIDATE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode module b; if it decodes, validate its functions with the fast
 * path and with the general path alone. True if they agree (or b does not
 * decode), else false with what differed in why. */
bool vdiff_check(const uint8_t *b, size_t n, char *why, size_t whylen);

#endif
