// mqtt-net.c - the networked MQTT system that `make qemu NET=user` boots
// (command line serve=mqtt-net; mqttnet/README.md): starts the network
// task (netstack/, which starts the virtio-net driver), the broker on TCP
// 1883 and IPC (mqtt-netbroker) and the TLS terminator on 8883 (tlsterm),
// each with task_spawn and only the capabilities it needs; prints what to
// type on the host; then reads commands on the serial console:
//   stats   the broker's and the network task's counters
//   cpu     every task's CPU time (guest ns; instructions under -icount),
//           one line each, for `make bench-net` (bench/net/)
//   stop    stops the echo client, the broker (which closes its
//           connections), tlsterm and the network task, and ends (the
//           kernel powers off when the group has ended)
// mqtt-net-echo, an in-system client over IPC, runs beside it; net-echo
// (tests/net/) is started on TCP port 7 (NET_TCP_PORT's forward), the
// sink of bench-net's TCP throughput.
//
// group: mqtt-net
// caps: console:rw clock:r spawn:w device:virtio-net:rw notification:net-wake:rw endpoint:net-drv:rwg notification:net-drv-note:rw endpoint:net:rwg
// caps: endpoint:broker:r endpoint:net:wg:badge=0x1000001075b notification:broker-ev:rw notification:n-echo:w
// caps: entropy:r endpoint:net:wg:badge=0x100000222b3 endpoint:net:wg:badge=0x20000020000 notification:tls-ev:rw
// caps: endpoint:broker:w:badge=0x100 notification:n-echo:w:badge=0x100
// caps: monitor:r endpoint:net:wg:badge=0x10000030007 notification:tcp-echo-ev:rw endpoint:tcp-echo-ctl:w
// expect: mqtt-net: start the network task -> ok
// expect: mqtt-net: start the broker -> ok
// expect: mqtt-net: start tlsterm -> ok
// expect: mqtt-net: stopped
// expect-not: FAILED
// expect-kernel: task mqtt-net exited with code 0
#include <stdio.h>
#include <string.h>

#include <jericho_net.h>

enum {
    CONSOLE = 0, CLOCK = 1, SPAWN = 2, DEVICE = 3, DRV_WAKE = 4, DRV_ATTACH = 5, DRV_NOTE = 6,
    SERVICE = 7,                                /* the network task's */
    BROKER_EP = 8, BROKER_LISTEN = 9, BROKER_EV = 10, ECHO_NTFN = 11,   /* the broker's */
    ENTROPY = 12, TLS_LISTEN = 13, TLS_CONNECT = 14, TLS_EV = 15,     /* tlsterm's */
    BROKER_CONTROL = 16, ECHO_STOP = 17,        /* ours */
    MONITOR = 18, TCP_LISTEN = 19, TCP_EV = 20, TCP_CTL = 21,    /* ours; net-echo's */
};
#define PRIO 10     /* all alike: the network task yields while busy */

static int32_t start(const char *what, const char *name, const jericho_cap_t *caps, uint32_t n)
{
    int32_t rc = jericho_task_spawn(SPAWN, name, (uint32_t)strlen(name), caps, n, PRIO);
    printf("mqtt-net: start %s -> %s\n", what, rc < 0 ? jnet_error_name(rc) : "ok");
    return rc;
}

/* A call to the broker's control badge ("stats", "stop"): prints its answer. */
static void broker_control(const char *cmd)
{
    char text[400];
    jericho_msginfo_t info;
    jericho_signal(BROKER_EV, 4);       /* wake it: it polls its endpoint then */
    int32_t rc = jericho_call(BROKER_CONTROL, cmd, (uint32_t)strlen(cmd), text, sizeof text - 1,
                              &info);
    if (rc < 0) {
        printf("mqtt-net: broker %s -> %s\n", cmd, jericho_error_name(rc));
        return;
    }
    text[rc] = 0;
    printf("mqtt-net: broker %s\n", text);
}

static void net_stats(void)
{
    char text[300];
    int32_t rc = jnet_stats(BROKER_LISTEN, text, sizeof text);
    printf("mqtt-net: netstack %s\n", rc < 0 ? jnet_error_name(rc) : text);
}

/* Every live task's CPU time, then the guest clock: "cpu ID NAME NS". */
static void cpu_times(void)
{
    static jericho_taskinfo_t t[64];
    int32_t n = jericho_mon_tasks(MONITOR, t, 64);
    if (n < 0) {
        printf("mqtt-net: cpu -> %s\n", jericho_error_name(n));
        return;
    }
    for (int32_t i = 0; i < n && i < 64; i++)
        if (t[i].flags & JERICHO_TASK_ACCOUNTED)
            printf("mqtt-net: cpu %llu %s %llu\n", (unsigned long long)t[i].id, t[i].name,
                   (unsigned long long)t[i].cpu_ns);
    printf("mqtt-net: cpu clock %lld\n", (long long)jericho_clock_now(CLOCK));
}

int main(void)
{
    static const jericho_cap_t net_caps[] = {CONSOLE, CLOCK, SPAWN, DEVICE, DRV_WAKE, DRV_ATTACH,
                                             DRV_NOTE, SERVICE};
    static const jericho_cap_t broker_caps[] = {CONSOLE, CLOCK, BROKER_EP, BROKER_LISTEN,
                                                BROKER_EV, ECHO_NTFN};
    static const jericho_cap_t tls_caps[] = {CONSOLE, CLOCK, ENTROPY, TLS_LISTEN, TLS_CONNECT,
                                             TLS_EV};
    char line[64];
    int32_t ns, br, tls;
    setvbuf(stdout, NULL, _IOLBF, 0);
    ns = start("the network task", "netstack", net_caps, 8);
    br = start("the broker", "mqtt-netbroker", broker_caps, 6);
    tls = start("tlsterm", "tlsterm", tls_caps, 6);
    static const jericho_cap_t echo_caps[] = {CONSOLE, TCP_LISTEN, TCP_EV, TCP_CTL};
    int32_t echo = start("the TCP echo", "net-echo", echo_caps, 4);
    if (ns < 0 || br < 0 || tls < 0)
        printf("mqtt-net: FAILED to start\n");
    printf("mqtt-net: from the host: mosquitto_sub -h 127.0.0.1 -t '#' -v\n");
    printf("mqtt-net: over TLS: mosquitto_sub -h 127.0.0.1 -p 8883 --cafile "
           "build/tlsterm/cert/ca.pem -t '#' -v\n");
    printf("mqtt-net: a wasm task answers host/X on guest/X: "
           "mosquitto_pub -h 127.0.0.1 -t host/hello -m hi\n");
    printf("mqtt-net: type stats or stop (and Enter) here\n");
    for (;;) {
        if (!fgets(line, sizeof line, stdin)) {
            /* no console input (none attached, or it ended): serve on */
            clearerr(stdin);
            jericho_sleep(CLOCK, 1000000000ll);
            continue;
        }
        line[strcspn(line, "\r\n")] = 0;
        if (!strcmp(line, "stats")) {
            broker_control("stats");
            net_stats();
        } else if (!strcmp(line, "cpu")) {
            cpu_times();
        } else if (!strcmp(line, "stop")) {
            break;
        } else if (line[0]) {
            printf("mqtt-net: commands: stats, cpu, stop\n");
        }
    }
    jericho_signal(ECHO_STOP, 1);               /* the in-system client leaves first */
    jericho_sleep(CLOCK, 300000000ll);
    broker_control("stop");
    net_stats();
    if (echo >= 0)
        jericho_task_kill(echo);
    jericho_task_kill(tls);
    jericho_task_kill(ns);                      /* its driver ends with it */
    printf("mqtt-net: stopped\n");
    return 0;
}
