/*
 * error.h - the one error enum of the kernel core. Every invocation
 * returns one of these; KERR_OK is 0. kerr_name gives the short name the
 * console and the tests print.
 */
#ifndef JERICHO_KERNEL_ERROR_H
#define JERICHO_KERNEL_ERROR_H

typedef enum {
    KERR_OK = 0,
    KERR_INVALID_SLOT,      /* slot index outside the CNode */
    KERR_EMPTY_SLOT,        /* no capability in the slot */
    KERR_SLOT_OCCUPIED,     /* destination slot is not empty */
    KERR_WRONG_TYPE,        /* capability names the wrong kind of object */
    KERR_NO_RIGHTS,         /* capability lacks a right the operation needs */
    KERR_INVALID_ARG,       /* an argument is out of range or malformed */
    KERR_BAD_BUFFER,        /* a buffer is out of bounds */
    KERR_NO_MEMORY,         /* the kernel is out of memory */
    KERR_QUOTA,             /* the task's kernel-memory quota is used up */
    KERR_WOULD_BLOCK,       /* a non-blocking operation found nobody */
    KERR_DESTROYED,         /* the object went away while we waited on it */
    KERR_NO_REPLY,          /* no reply capability to answer */
    KERR_BADGED,            /* the capability already carries a badge */
    KERR_TRUNCATED,         /* the message did not fit the receive buffer */
    KERR_DEAD,              /* the task has exited or was killed */
    KERR_REVOKED,           /* the capability we waited through was deleted */
    KERR_BUSY,              /* the object is held through another capability */
    KERR_COUNT
} kerr_t;

const char *kerr_name(kerr_t e);

#endif
