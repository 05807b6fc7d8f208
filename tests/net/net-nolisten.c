// net-nolisten.c - a client of the network task (netstack/) holding a
// CONNECT right and a LISTEN right for port 8 (without g) tries what they
// do not allow: listening with the connect right, listening on port 7 with
// the right for port 8, accepting and connecting with the wrong right,
// sending through a right as if it were a connection, attaching through a
// right without g. Each fails with a clear error; then what the right
// allows works; and cap_derived (abi 4.4) from a task, bad slots included.
// Suite net-ARCH (tests/net/check.sh).
//
// group: net
// caps: console:w endpoint:net:wg:badge=0x20000030000 endpoint:net:w:badge=0x10000030008 notification:nl-ev:rw clock:r
// expect: listen on port 7 with a connect right -> NO_RIGHT
// expect: listen on port 7 with the right for port 8 -> NO_RIGHT
// expect: accept with a connect right -> NO_RIGHT
// expect: connect with a listen right -> NO_RIGHT
// expect: send through a connect right -> NO_RIGHT
// expect: attach through a right without g -> NO_RIGHTS
// expect: attach through the connect right -> ok
// expect: listen on port 8 with its right -> ok
// expect: accept on port 8, nobody there -> WOULD_BLOCK
// expect: an alarm of 50 ms through the connect right: the wait ended after 50 ms or more: yes
// expect: cap_derived of slot 32 -> INVALID_SLOT
// expect: cap_derived of slot -1 -> INVALID_SLOT
// expect: cap_derived of an empty slot -> EMPTY_SLOT
// expect: cap_derived of the connect right: 0
// expect: cap_derived of the connect right after a copy: 1
// expect-kernel: task net-nolisten exited with code 0
#include <stdio.h>

#include <jericho_net.h>

enum { CONSOLE = 0, CONNECT = 1, LISTEN8 = 2, EV = 3, CLOCK = 4 };

static void show(const char *what, int32_t rc)
{
    printf("%s -> %s\n", what, rc < 0 ? jnet_error_name(rc) : "ok");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    show("listen on port 7 with a connect right", jnet_listen(CONNECT, 7));
    show("listen on port 7 with the right for port 8", jnet_listen(LISTEN8, 7));
    show("accept with a connect right", jnet_accept(CONNECT, 0, 0));
    show("connect with a listen right", jnet_connect(LISTEN8, 0x0a000202, 7));
    show("send through a connect right", jnet_send(CONNECT, "x", 1));
    show("attach through a right without g", jnet_attach(LISTEN8, EV));
    show("attach through the connect right", jnet_attach(CONNECT, EV));
    show("listen on port 8 with its right", jnet_listen(LISTEN8, 8));
    show("accept on port 8, nobody there", jnet_accept(LISTEN8, 0, 0));
    jericho_poll_signal(EV);
    int64_t t0 = jericho_clock_now(CLOCK), w = jnet_wait_ms(CONNECT, EV, 50);
    int64_t dt = jericho_clock_now(CLOCK) - t0;
    printf("an alarm of 50 ms through the connect right: the wait ended after 50 ms or more: %s\n",
           w > 0 && dt >= 50000000 ? "yes" : "no");
    /* cap_derived (abi 4.4), which the network task closes connections by */
    show("cap_derived of slot 32", jericho_cap_derived(32));
    show("cap_derived of slot -1", jericho_cap_derived(-1));
    show("cap_derived of an empty slot", jericho_cap_derived(20));
    printf("cap_derived of the connect right: %d\n", (int)jericho_cap_derived(CONNECT));
    jericho_cap_copy(CONNECT, 20);
    printf("cap_derived of the connect right after a copy: %d\n", (int)jericho_cap_derived(CONNECT));
    return 0;
}
