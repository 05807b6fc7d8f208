/* sys_arch.c - what lwIP with NO_SYS=1 needs from the platform: the time
 * in milliseconds (sys_now, from the task's CLOCK capability) and random
 * numbers (netstack_rand: xorshift seeded with the boot clock; lwIP uses
 * them for TCP initial sequence numbers, local ports and DHCP transaction
 * ids, none of which needs to be secret on QEMU's private user network).
 * Also the task's log line helper. */
#include <stdarg.h>
#include <stdio.h>

#include "lwip/sys.h"
#include "netstack.h"

int64_t ns_now(void)
{
    return jericho_clock_now(NS_CLOCK);
}

u32_t sys_now(void)
{
    return (u32_t)(ns_now() / NS_MS);
}

static uint32_t seed;

uint32_t netstack_rand(void)
{
    if (!seed)
        seed = (uint32_t)ns_now() * 2654435761u | 1u;
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

void ns_log(const char *fmt, ...)
{
    va_list ap;
    printf("netstack: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}
