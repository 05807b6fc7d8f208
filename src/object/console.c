/*
 * console.c - the Console object: the serial line behind a capability
 * (WRITE to print, READ to take waiting input bytes without blocking).
 */
#include "hal.h"
#include "kernel/cspace.h"
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

kerr_t console_write(cnode_t *cn, uint32_t slot, const void *buf, size_t len)
{
    cap_t c;
    kerr_t e = cspace_cap(cn, slot, OBJ_CONSOLE, CAP_R_WRITE, NULL, &c);
    if (e)
        return e;
    const char *p = buf;
    for (size_t i = 0; i < len; i++)
        arch_putc(p[i]);
    ((console_t *)cap_obj(c))->bytes_written += len;
    return KERR_OK;
}

kerr_t console_read(cnode_t *cn, uint32_t slot, void *buf, size_t max, size_t *n)
{
    kerr_t e = cspace_cap(cn, slot, OBJ_CONSOLE, CAP_R_READ, NULL, NULL);
    if (e)
        return e;
    char *p = buf;
    size_t i = 0;
    int ch;
    while (i < max && (ch = arch_getc()) >= 0)
        p[i++] = (char)ch;
    *n = i;
    return KERR_OK;
}

void console_free(console_t *c)
{
    kfree(c);
}
