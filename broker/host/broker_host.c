/* broker/host/broker_host.c - the broker on a POSIX host: the core with
 * the large limits (BROKER_PROFILE_LARGE) and the stream transport
 * (stream.h) over TCP, one process, one poll() loop. It serves real MQTT
 * clients (mosquitto_pub/sub, paho) for the tests in tests/mqtt-host/ and
 * for anyone who wants to try the broker without booting JerichoOS.
 *
 *   mqtt-broker [-a ADDR] [-p PORT] [-t CONNECT_TIMEOUT_S] [-q]
 *
 * ADDR defaults to 127.0.0.1, PORT to 1883 (0: any free port). The first
 * line printed is "broker: listening on ADDR:PORT". -q prints only that,
 * the stats and errors. SIGUSR1 prints a stats line (broker_stats and
 * stream_stats: what is in use), SIGINT/SIGTERM print it and exit 0.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "broker.h"
#include "stream.h"

static struct broker br;
static struct stream st;
static int fds[BROKER_MAX_CLIENTS + 1];            /* -1: free */
static bool closing[BROKER_MAX_CLIENTS + 1];       /* the core ended it */
static volatile sig_atomic_t want_stats, want_stop;
static bool quiet;

static void on_log(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    if (!quiet)
        printf("%.*s\n", (int)len, text);
}

static void on_close(void *ctx, unsigned c)
{
    (void)ctx;
    closing[c] = true;      /* closed by the loop, outside the core */
}

static void on_signal(int sig)
{
    if (sig == SIGUSR1)
        want_stats = 1;
    else
        want_stop = 1;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void print_stats(void)
{
    struct broker_stats s;
    unsigned open, nfds = 0;
    size_t buffered;
    broker_stats(&br, &s);
    stream_stats(&st, &open, &buffered);
    for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++)
        nfds += fds[c] >= 0;
    printf("broker: stats conns=%u sessions=%u subs=%u retained=%u wills=%u stored_msgs=%u "
           "queued_bytes=%zu stored_bytes=%zu retained_bytes=%zu streams=%u buffered=%zu fds=%u\n",
           s.conns, s.sessions, s.subs, s.retained, s.wills, s.stored_msgs, s.queued_bytes,
           s.stored_bytes, s.retained_bytes, open, buffered, nfds);
}

/* Send what c has queued, as much as the socket takes now. */
static void flush(unsigned c)
{
    size_t n;
    const uint8_t *p;
    while ((p = stream_output(&st, c, &n)) != NULL) {
        ssize_t k = send(fds[c], p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (k <= 0)
            return;
        stream_sent(&st, c, (size_t)k);
    }
}

static void finish(unsigned c, bool send_rest)
{
    if (send_rest)
        flush(c);
    close(fds[c]);
    fds[c] = -1;
    closing[c] = false;
    stream_closed(&st, c);
}

static void accept_all(int lfd)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        unsigned c = stream_open(&st);
        if (c == 0) {
            broker_log(&br, "too many connections: refused one");
            close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fds[c] = fd;
    }
}

static void readable(unsigned c)
{
    static uint8_t buf[16384];
    ssize_t n = recv(fds[c], buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {           /* end of stream, reset or error: the will goes out */
        finish(c, false);
        return;
    }
    if (stream_input(&st, c, buf, (size_t)n) == STREAM_CLOSE)
        finish(c, true);
}

static int listen_on(const char *addr, int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        fprintf(stderr, "mqtt-broker: bad address %s\n", addr);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 128) != 0) {
        fprintf(stderr, "mqtt-broker: cannot listen on %s:%d: %s\n", addr, port, strerror(errno));
        return -1;
    }
    socklen_t len = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &len);
    printf("broker: listening on %s:%u\n", addr, ntohs(sa.sin_port));
    return fd;
}

int main(int argc, char **argv)
{
    const char *addr = "127.0.0.1";
    int port = 1883, opt;
    long timeout_s = BROKER_CONNECT_TIMEOUT_MS / 1000;
    while ((opt = getopt(argc, argv, "a:p:t:q")) != -1) {
        switch (opt) {
        case 'a': addr = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 't': timeout_s = atol(optarg); break;
        case 'q': quiet = true; break;
        default:
            fprintf(stderr, "usage: %s [-a ADDR] [-p PORT] [-t CONNECT_TIMEOUT_S] [-q]\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct broker_ops ops = { .log = on_log, .close = on_close, .client_word = "conn" };
    broker_init(&br, &ops);
    br.connect_timeout_ms = (uint32_t)(timeout_s * 1000);
    stream_init(&st, &br);
    for (unsigned c = 0; c <= BROKER_MAX_CLIENTS; c++)
        fds[c] = -1;
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int lfd = listen_on(addr, port);
    if (lfd < 0)
        return 1;

    static struct pollfd pfd[BROKER_MAX_CLIENTS + 1];
    static unsigned who[BROKER_MAX_CLIENTS + 1];
    while (!want_stop) {
        broker_tick(&br, now_ms());
        for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++)
            if (closing[c] && fds[c] >= 0)
                finish(c, false);
        if (want_stats) {
            want_stats = 0;
            print_stats();
        }
        nfds_t n = 0;
        pfd[n++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
        for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++) {
            if (fds[c] < 0)
                continue;
            size_t out;
            stream_output(&st, c, &out);
            who[n] = c;
            pfd[n++] = (struct pollfd){ .fd = fds[c], .events = (short)(POLLIN | (out ? POLLOUT : 0)) };
        }
        if (poll(pfd, n, 100) < 0 && errno != EINTR) {
            perror("mqtt-broker: poll");
            return 1;
        }
        broker_tick(&br, now_ms());
        for (nfds_t i = 1; i < n; i++) {
            unsigned c = who[i];
            if (fds[c] < 0 || closing[c])
                continue;
            if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
                readable(c);
        }
        if (pfd[0].revents & POLLIN)
            accept_all(lfd);
        for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++)
            if (fds[c] >= 0 && !closing[c])
                flush(c);
    }
    print_stats();
    for (unsigned c = 1; c <= BROKER_MAX_CLIENTS; c++)
        if (fds[c] >= 0)
            finish(c, true);
    close(lfd);
    return 0;
}
