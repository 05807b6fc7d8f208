// hello-c.c - a JerichoOS task in C: wasi-libc's printf, arguments and
// environment, and the jericho system calls through the SDK's header.
//
// caps: console:w clock:r notification:bell:rw
// args: --greeting hello
// env: WHO=world
// expect: hello, world from C (argv[0] is hello-c)
// expect: slot 0: console w
// expect: slot 1: clock r
// expect: slot 2: notification rw
// expect: slot 3: EMPTY_SLOT
// expect: slept 1 ms: yes
// expect: console_write through the clock: WRONG_TYPE
// expect: the bell rang: 0x5
// expect: written with console_write
// expect-kernel: task hello-c exited with code 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jericho.h>

/* The slots, in the order of the caps: line. */
enum { CONSOLE = 0, CLOCK = 1, BELL = 2 };

static const char *rights_text(uint32_t r, char buf[4])
{
    char *p = buf;
    if (r & JERICHO_R_READ) *p++ = 'r';
    if (r & JERICHO_R_WRITE) *p++ = 'w';
    if (r & JERICHO_R_GRANT) *p++ = 'g';
    if (p == buf) *p++ = '-';
    *p = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    const char *greeting = argc > 2 && strcmp(argv[1], "--greeting") == 0 ? argv[2] : "hi";
    const char *who = getenv("WHO");
    printf("%s, %s from C (argv[0] is %s)\n", greeting, who ? who : "nobody", argv[0]);

    /* What this task holds: the kernel says, slot by slot. */
    for (jericho_cap_t slot = 0; slot < 4; slot++) {
        jericho_capinfo_t info;
        char rights[4];
        int32_t r = jericho_cap_info(slot, &info);
        if (r < 0)
            printf("slot %d: %s\n", (int)slot, jericho_error_name(r));
        else
            printf("slot %d: %s %s\n", (int)slot, jericho_captype_name(info.type),
                   rights_text(info.rights, rights));
    }

    int64_t t0 = jericho_clock_now(CLOCK);
    jericho_sleep(CLOCK, 1000000);
    int64_t t1 = jericho_clock_now(CLOCK);
    printf("slept 1 ms: %s\n", t0 >= 0 && t1 - t0 >= 1000000 ? "yes" : "no");

    /* A call through the wrong capability fails cleanly with the ABI's error. */
    static const char never[] = "never printed\n";
    int32_t r = jericho_console_write(CLOCK, never, sizeof never - 1);
    printf("console_write through the clock: %s\n", jericho_error_name(r));

    /* Signals accumulate in the notification's word until a wait takes it. */
    jericho_signal(BELL, 0x1);
    jericho_signal(BELL, 0x4);
    int64_t word = jericho_wait(BELL);
    printf("the bell rang: 0x%llx\n", (unsigned long long)word);

    static const char line[] = "written with console_write\n";
    if (jericho_console_write(CONSOLE, line, sizeof line - 1) < 0)
        return 1;
    return 0;
}
