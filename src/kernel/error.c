/*
 * error.c - names of the kernel error codes (include/kernel/error.h).
 */
#include "kernel/error.h"

static const char *const names[KERR_COUNT] = {
    [KERR_OK] = "ok",
    [KERR_INVALID_SLOT] = "invalid slot",
    [KERR_EMPTY_SLOT] = "empty slot",
    [KERR_SLOT_OCCUPIED] = "slot occupied",
    [KERR_WRONG_TYPE] = "wrong object type",
    [KERR_NO_RIGHTS] = "missing right",
    [KERR_INVALID_ARG] = "invalid argument",
    [KERR_BAD_BUFFER] = "bad buffer",
    [KERR_NO_MEMORY] = "out of memory",
    [KERR_QUOTA] = "quota exhausted",
    [KERR_WOULD_BLOCK] = "would block",
    [KERR_DESTROYED] = "object destroyed",
    [KERR_NO_REPLY] = "no reply capability",
    [KERR_BADGED] = "already badged",
    [KERR_TRUNCATED] = "message truncated",
    [KERR_DEAD] = "task dead",
    [KERR_REVOKED] = "capability revoked",
    [KERR_BUSY] = "busy",
};

const char *kerr_name(kerr_t e)
{
    if ((unsigned)e >= KERR_COUNT || !names[e])
        return "unknown error";
    return names[e];
}
