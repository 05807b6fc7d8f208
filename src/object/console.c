/*
 * console.c - the Console object: the serial line behind a capability.
 * Its one instance is kernel-owned; printing is the console_write system
 * call's (syscall/sys_task.c checks the WRITE right, wasmtask/output.c
 * prints whole lines). No call reads the console.
 */
#include "kernel/console.h"
#include "kernel/crit.h"
#include "klib.h"
#include "mm.h"

static console_t *the_console;

console_t *console_get(void)
{
    kcrit_t s = kcrit_enter();
    if (!the_console) {
        kerr_t e;
        the_console = (console_t *)kobj_alloc(OBJ_CONSOLE, sizeof(console_t), NULL, &e);
        if (!the_console)
            panic("console: no memory for the console object");
        kobj_ref(&the_console->obj);    /* the kernel's: it never goes */
    }
    kcrit_leave(s);
    return the_console;
}

void console_free(console_t *c)
{
    kfree(c);
}
