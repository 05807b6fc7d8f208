/* drv-rng-client.c - spawned by drv-rng-test.c: draws 4096 random bytes at
 * a time from the virtio-rng driver until a draw fails (the test kills the
 * driver while this runs, then revokes the endpoint), says how it ended
 * and signals "done". Slots: 0 console, 1 the service endpoint (w), 2 the
 * notification "done" (w). Directives: drv-rng-client.manifest. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jericho.h>

enum { CONSOLE = 0, SERVICE = 1, DONE = 2 };

static uint8_t buf[4096];

static void say(const char *s)
{
    jericho_console_write(CONSOLE, s, (uint32_t)strlen(s));
}

int main(void)
{
    uint32_t req[2] = {1, sizeof buf};
    char line[120];
    int rc, draws = 0;
    while ((rc = jericho_call(SERVICE, req, sizeof req, buf, sizeof buf, JERICHO_NO_INFO)) ==
           (int)sizeof buf)
        draws++;
    /* DESTROYED: the driver died holding this call (or it was queued when
     * the endpoint was revoked); EMPTY_SLOT: the revoke came between calls */
    snprintf(line, sizeof line, "client: %d draws of 4096 bytes, then %s\n", draws,
             jericho_error_name(rc < 0 ? rc : 0));
    say(line);
    say(rc == -JERICHO_E_DESTROYED || rc == -JERICHO_E_EMPTY_SLOT
            ? "client: draws ended when the driver went: yes\n"
            : "client: draws ended when the driver went: no\n");
    jericho_signal(DONE, 1);
    return 0;
}
