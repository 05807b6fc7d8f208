// net-test.c - the controller of the net test group (tests/net/check.sh):
// starts the network task (netstack/) with task_spawn, handing it the
// virtio-net device, the driver's objects and the service endpoint; waits
// while net-echo serves the host (tests/net/net_host.py through QEMU's
// hostfwd); when the host's "quit" has come (with the host port it
// listens on), connects out to the host through the gateway and drops its
// connection capabilities without closing (the network task must close
// the connection when the last one goes: the host checks); then kills the
// network task, starts a new one and talks to the host through it again;
// kills it at the end.
//
// group: net
// caps: console:w clock:r spawn:w device:virtio-net:rw notification:net-wake:rw endpoint:net-drv:rwg notification:net-drv-note:rw endpoint:net:rwg endpoint:net:wg:badge=0x20000020000 notification:ctl-ev:rw endpoint:net-ctl:r
// expect: start the network task -> ok
// expect: attach -> ok
// expect: the host's quit came with its port: yes
// expect: connect to the host -> ok
// expect: drop: sent through a copy after the first capability went -> ok
// expect: drop: the last connection capability deleted -> ok
// expect: kill the network task -> ok
// expect: start a new network task -> ok
// expect: attach to the new network task -> ok
// expect: restart: the host answered through the new network task: yes
// expect-not: FAILED
// expect-kernel: task netstack killed: by task net-test
// expect-kernel: task net-test exited with code 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jericho_net.h>

enum { CONSOLE = 0, CLOCK = 1, SPAWN = 2, DEVICE = 3, DRV_WAKE = 4, DRV_ATTACH = 5,
       DRV_NOTE = 6, SERVICE = 7, CONNECT = 8, EV = 9, CTL = 10 };
#define GATEWAY 0x0a000202u     /* 10.0.2.2: the host, through QEMU's user network */
#define SPARE 24                /* a free slot for a copy */

static int ok(const char *what, int32_t rc)
{
    printf("%s -> %s\n", what, rc < 0 ? jnet_error_name(rc) : "ok");
    return rc;
}

static int32_t start_netstack(void)
{
    const jericho_cap_t caps[] = {CONSOLE, CLOCK, SPAWN, DEVICE, DRV_WAKE, DRV_ATTACH, DRV_NOTE, SERVICE};
    return jericho_task_spawn(SPAWN, "netstack", 8, caps, 8, 10);
}

int main(void)
{
    char port_text[16] = {0};
    jericho_msginfo_t info;
    int32_t ns, rc, conn;
    uint16_t port;
    char buf[64];
    setvbuf(stdout, NULL, _IOLBF, 0);
    ns = ok("start the network task", start_netstack());
    ok("attach", jnet_attach(CONNECT, EV));

    rc = jericho_recv(CTL, port_text, sizeof port_text - 1, &info);
    port = (uint16_t)atoi(port_text);
    printf("the host's quit came with its port: %s\n", rc > 0 && port ? "yes" : "no");

    /* Dropping connection capabilities: a copy keeps the connection, the
     * last one closes it (net_host.py sees the close). */
    conn = ok("connect to the host", jnet_connect(CONNECT, GATEWAY, port));
    if (conn >= 0) {
        jnet_send_all(conn, EV, "drop-test\n", 10);
        jericho_cap_copy(conn, SPARE);
        jericho_cap_delete(conn);
        ok("drop: sent through a copy after the first capability went",
           jnet_send_all(SPARE, EV, "still-open\n", 11));
        ok("drop: the last connection capability deleted", jericho_cap_delete(SPARE));
        jericho_sleep(CLOCK, 1000000000ll);     /* the network task looks every 100 ms */
    }

    /* The network task killed and started again (the kernel lives on;
     * the old driver ends with the task that held it). */
    ok("kill the network task", jericho_task_kill(ns));
    jericho_cap_delete(ns);
    ns = ok("start a new network task", start_netstack());
    ok("attach to the new network task", jnet_attach(CONNECT, EV));
    conn = jnet_connect(CONNECT, GATEWAY, port);
    rc = conn < 0 ? conn : jnet_send_all(conn, EV, "after-restart\n", 14);
    memset(buf, 0, sizeof buf);
    for (uint32_t got = 0; rc >= 0 && got < 17;) {
        rc = jnet_recv_wait(conn, EV, buf + got, sizeof buf - 1 - got);
        if (rc > 0)
            got += (uint32_t)rc;
        else
            rc = -1;
    }
    printf("restart: the host answered through the new network task: %s\n",
           !strcmp(buf, "ok after-restart\n") ? "yes" : "no");
    if (conn >= 0)
        jnet_close(conn);
    jericho_task_kill(ns);
    return 0;
}
