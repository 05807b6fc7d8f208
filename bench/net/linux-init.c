/*
 * linux-init.c - /init of the Linux guest in which `make bench-linux` runs
 * Debian's mosquitto for the network benchmark (bench/net/, docs/bench.md,
 * "The broker against mosquitto"): the counterpart of JerichoOS's
 * serve=mqtt-net.
 *
 * It mounts /proc, loads the virtio-net modules listed in /modules/order
 * (finit_module, in that order), sets eth0 to 10.0.2.15/24 (QEMU's user
 * network: what JerichoOS gets by DHCP) and lo up, starts
 * /usr/sbin/mosquitto -c /etc/mosquitto.conf (TCP 1883) and a TCP echo
 * server on port 7 (a child of its own), prints "[netbench] ready", then
 * reads commands on the console:
 *
 *   cpu    one "[netbench] cpu PID NAME NS" line per process of ours
 *          (/proc/PID/schedstat: time on the CPU, ns), then
 *          "[netbench] cpu idle NS" (the CPU's idle time, ns: the
 *          .idle_sleeptime of /proc/timer_list) and "[netbench] cpu clock NS"
 *          (CLOCK_MONOTONIC). Under -icount shift=0 a ns of busy time is one
 *          guest instruction; clock minus idle is the whole guest's work.
 *   stop   ends mosquitto and the echo, powers off.
 *
 * Every failure prints "[netbench] error: ..." and powers off.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t mosq_pid, echo_pid;

static void off(int status)
{
    if (status)
        printf("[netbench] error: powering off after a failure\n");
    fflush(stdout);
    if (mosq_pid > 0)
        kill(mosq_pid, SIGTERM);
    if (echo_pid > 0)
        kill(echo_pid, SIGKILL);
    sync();
    reboot(RB_POWER_OFF);
    _exit(status);
}

static void fail(const char *what)
{
    printf("[netbench] error: %s: %s\n", what, strerror(errno));
    off(1);
}

static void load_modules(void)
{
    FILE *f = fopen("/modules/order", "r");
    char name[128], path[160];
    if (!f)
        fail("/modules/order");
    while (fscanf(f, "%127s", name) == 1) {
        snprintf(path, sizeof path, "/modules/%s", name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST))
            fail(path);
        close(fd);
    }
    fclose(f);
}

static void if_up(int s, const char *name, const char *addr)
{
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strncpy(r.ifr_name, name, IFNAMSIZ - 1);
    if (addr) {
        struct sockaddr_in *a = (struct sockaddr_in *)&r.ifr_addr;
        a->sin_family = AF_INET;
        inet_pton(AF_INET, addr, &a->sin_addr);
        if (ioctl(s, SIOCSIFADDR, &r) < 0)
            fail("SIOCSIFADDR");
        inet_pton(AF_INET, "255.255.255.0", &a->sin_addr);
        if (ioctl(s, SIOCSIFNETMASK, &r) < 0)
            fail("SIOCSIFNETMASK");
    }
    if (ioctl(s, SIOCGIFFLAGS, &r) < 0)
        fail(name);
    r.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &r) < 0)
        fail("SIOCSIFFLAGS");
}

/* The TCP echo on port 7: one connection at a time, every byte back. */
static void echo_server(void)
{
    static char buf[65536];
    int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(7) };
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 4) < 0)
        fail("echo: listen on 7");
    for (;;) {
        int c = accept(l, NULL, NULL);
        if (c < 0)
            continue;
        ssize_t n;
        while ((n = read(c, buf, sizeof buf)) > 0) {
            for (ssize_t o = 0, w; o < n; o += w)
                if ((w = write(c, buf + o, (size_t)(n - o))) <= 0)
                    goto closed;
        }
closed:
        close(c);
    }
}

static unsigned long long schedstat(pid_t pid)
{
    char path[64];
    unsigned long long ns = 0;
    snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f || fscanf(f, "%llu", &ns) != 1)
        fail(path);
    fclose(f);
    return ns;
}

/* The sum of .idle_sleeptime over the CPUs of /proc/timer_list, ns. */
static unsigned long long idle_ns(void)
{
    static char line[512];
    unsigned long long sum = 0, v;
    int seen = 0;
    FILE *f = fopen("/proc/timer_list", "r");
    if (!f)
        fail("/proc/timer_list");
    while (fgets(line, sizeof line, f))
        if (sscanf(line, " .idle_sleeptime : %llu nsecs", &v) == 1) {
            sum += v;
            seen++;
        }
    fclose(f);
    if (!seen) {
        errno = ENOENT;
        fail("no .idle_sleeptime in /proc/timer_list");
    }
    return sum;
}

static void cpu_report(void)
{
    struct timespec ts;
    unsigned long long idle = idle_ns();
    clock_gettime(CLOCK_MONOTONIC, &ts);
    printf("[netbench] cpu %d mosquitto %llu\n", (int)mosq_pid, schedstat(mosq_pid));
    printf("[netbench] cpu %d echo %llu\n", (int)echo_pid, schedstat(echo_pid));
    printf("[netbench] cpu idle %llu\n", idle);
    printf("[netbench] cpu clock %llu\n",
           (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec);
}

int main(void)
{
    char line[64];
    setvbuf(stdout, NULL, _IOLBF, 0);
    mkdir("/proc", 0555);
    if (mount("proc", "/proc", "proc", 0, NULL) < 0)
        fail("mount /proc");
    mkdir("/tmp", 01777);
    load_modules();
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0)
        fail("socket");
    if_up(s, "lo", "127.0.0.1");
    if_up(s, "eth0", "10.0.2.15");
    close(s);
    if ((echo_pid = fork()) == 0)
        echo_server();
    if ((mosq_pid = fork()) == 0) {
        execl("/usr/sbin/mosquitto", "mosquitto", "-c", "/etc/mosquitto.conf", (char *)NULL);
        fail("exec /usr/sbin/mosquitto");
    }
    if (echo_pid < 0 || mosq_pid < 0)
        fail("fork");
    /* mosquitto is ready when 1883 takes a connection */
    for (int i = 0;; i++) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(1883),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        int ok = connect(c, (struct sockaddr *)&a, sizeof a) == 0;
        close(c);
        if (ok)
            break;
        if (i == 200 || waitpid(mosq_pid, NULL, WNOHANG) == mosq_pid) {
            errno = ECONNREFUSED;
            fail("mosquitto did not start");
        }
        usleep(50000);
    }
    printf("[netbench] ready\n");
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!strcmp(line, "cpu"))
            cpu_report();
        else if (!strcmp(line, "stop"))
            break;
    }
    printf("[netbench] stopped\n");
    off(0);
}
