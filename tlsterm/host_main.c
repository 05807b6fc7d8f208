/* tlsterm/host_main.c - the terminator on the host over POSIX sockets: one
 * poll() loop, non-blocking sockets, loopback only (tlsterm/README.md).
 *
 *   tlsterm-host --listen PORT --upstream PORT [--max-conns N]
 *                [--handshake-ms MS] [--conn-heap BYTES]
 *
 * Listens on 127.0.0.1:PORT (0: a free port, printed), and for each
 * connection whose handshake completes connects to 127.0.0.1:UPSTREAM.
 * Lines on stdout: "tlsterm: listening on 127.0.0.1:P ...", one per
 * connection opened or closed, the state on SIGUSR1 ("tlsterm: stats:
 * ..."), and "tlsterm: stopped, heap N B" on SIGTERM or SIGINT, after
 * everything is freed (exit status 0 only if N is 0).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cert.h"
#include "tls_mem.h"
#include "tlsterm.h"

static volatile sig_atomic_t stopping, want_stats;
static int upstream_port;
/* The sockets of each slot, for poll(): -1 when none. */
static int down_fd[TLSTERM_MAX_CONNS], up_fd[TLSTERM_MAX_CONNS];

static void on_signal(int sig)
{
    if (sig == SIGUSR1)
        want_stats = 1;
    else
        stopping = 1;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
    fflush(stdout);
}

/* A stream is its socket: the handle is the descriptor. */
static int fd_of(void *h)
{
    return (int)(intptr_t)h;
}

static long s_read(void *h, void *buf, size_t len)
{
    ssize_t n = recv(fd_of(h), buf, len, 0);
    if (n >= 0)
        return (long)n;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? TLSTERM_AGAIN : TLSTERM_ERR;
}

static long s_write(void *h, const void *buf, size_t len)
{
    ssize_t n = send(fd_of(h), buf, len, MSG_NOSIGNAL);
    if (n >= 0)
        return (long)n;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? TLSTERM_AGAIN : TLSTERM_ERR;
}

static void s_close(void *h)
{
    int fd = fd_of(h);
    for (unsigned i = 0; i < TLSTERM_MAX_CONNS; i++) {
        if (down_fd[i] == fd)
            down_fd[i] = -1;
        if (up_fd[i] == fd)
            up_fd[i] = -1;
    }
    close(fd);
}

static tlsterm_stream stream_of(int fd)
{
    return (tlsterm_stream){ (void *)(intptr_t)fd, s_read, s_write, s_close };
}

static int set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* A blocking connect (immediate on loopback), then non-blocking. */
static long connect_upstream(void *ctx, unsigned conn, tlsterm_stream *up)
{
    (void)ctx;
    struct sockaddr_in a = loopback(upstream_port);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return TLSTERM_ERR;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 || set_nonblocking(fd) != 0) {
        close(fd);
        return TLSTERM_ERR;
    }
    up_fd[conn] = fd;
    *up = stream_of(fd);
    return 0;
}

static int listen_on(int port, int *bound)
{
    struct sockaddr_in a = loopback(port);
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    socklen_t len = sizeof a;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 64) != 0 ||
        set_nonblocking(fd) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        perror("tlsterm: listen");
        return -1;
    }
    *bound = ntohs(a.sin_port);
    return fd;
}

static void accept_all(tlsterm *t, int lfd)
{
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (set_nonblocking(fd) != 0) {
            close(fd);
            continue;
        }
        tlsterm_stream s = stream_of(fd);
        long slot = tlsterm_accept(t, &s, now_ms());
        if (slot >= 0) {
            down_fd[slot] = fd;
            tlsterm_step(t, (unsigned)slot, now_ms());
        }
    }
}

static short poll_events(int what)
{
    return (short)((what & TLSTERM_IN ? POLLIN : 0) | (what & TLSTERM_OUT ? POLLOUT : 0));
}

static void serve(tlsterm *t, int lfd)
{
    struct pollfd pfd[1 + 2 * TLSTERM_MAX_CONNS];
    unsigned owner[1 + 2 * TLSTERM_MAX_CONNS];
    while (!stopping) {
        if (want_stats) {
            want_stats = 0;
            printf("tlsterm: stats: %u open, heap %zu B (shared %zu B), peak %zu B, refused allocations %lu\n",
                   tlsterm_open_count(t), tls_mem_total(), tls_mem_in_use(TLS_MEM_SHARED),
                   tls_mem_total_peak(), tls_mem_refusals());
            fflush(stdout);
        }
        long timeout = tlsterm_tick(t, now_ms());
        nfds_t n = 0;
        pfd[n++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
        for (unsigned i = 0; i < tlsterm_slots(t); i++) {
            int down, up;
            if (!tlsterm_interest(t, i, &down, &up))
                continue;
            if (down_fd[i] >= 0) {
                owner[n] = i;
                pfd[n++] = (struct pollfd){ .fd = down_fd[i], .events = poll_events(down) };
            }
            if (up_fd[i] >= 0) {
                owner[n] = i;
                pfd[n++] = (struct pollfd){ .fd = up_fd[i], .events = poll_events(up) };
            }
        }
        int r = poll(pfd, n, timeout < 0 ? -1 : (int)timeout);
        if (r < 0)
            continue;                /* EINTR: a signal */
        if (pfd[0].revents)
            accept_all(t, lfd);
        for (nfds_t k = 1; k < n; k++)
            if (pfd[k].revents)
                tlsterm_step(t, owner[k], now_ms());
    }
}

int main(int argc, char **argv)
{
    int port = -1;
    tlsterm_limits lim = { TLSTERM_DEFAULT_CONNS, TLSTERM_DEFAULT_CONN_HEAP,
                           TLSTERM_DEFAULT_HANDSHAKE_MS };
    upstream_port = -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        long v = strtol(argv[i + 1], NULL, 10);
        if (!strcmp(argv[i], "--listen"))
            port = (int)v;
        else if (!strcmp(argv[i], "--upstream"))
            upstream_port = (int)v;
        else if (!strcmp(argv[i], "--max-conns"))
            lim.max_conns = (unsigned)v;
        else if (!strcmp(argv[i], "--handshake-ms"))
            lim.handshake_ms = (uint64_t)v;
        else if (!strcmp(argv[i], "--conn-heap"))
            lim.conn_heap = (size_t)v;
        else
            port = -2;
    }
    if (port < 0 || port > 65535 || upstream_port <= 0 || upstream_port > 65535 || argc % 2 == 0) {
        fprintf(stderr, "usage: %s --listen PORT --upstream PORT [--max-conns N] "
                "[--handshake-ms MS] [--conn-heap BYTES]\n", argv[0]);
        return 2;
    }
    for (unsigned i = 0; i < TLSTERM_MAX_CONNS; i++)
        down_fd[i] = up_fd[i] = -1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    tlsterm_env env = { NULL, connect_upstream, log_line };
    tlsterm *t = tlsterm_new(&lim, &env, tlsterm_cert_der, tlsterm_cert_der_len,
                             tlsterm_key_der, tlsterm_key_der_len);
    if (!t) {
        fprintf(stderr, "tlsterm: cannot start (limits: --max-conns 1..%d)\n", TLSTERM_MAX_CONNS);
        return 1;
    }
    int bound, lfd = listen_on(port, &bound);
    if (lfd < 0) {
        tlsterm_free(t);
        return 1;
    }
    printf("tlsterm: listening on 127.0.0.1:%d, upstream 127.0.0.1:%d; %u slots of %zu B "
           "(+ at most %zu B heap each), handshake within %llu ms; heap %zu B\n", bound,
           upstream_port, lim.max_conns, tlsterm_slot_size(), lim.conn_heap,
           (unsigned long long)lim.handshake_ms, tls_mem_total());
    fflush(stdout);
    serve(t, lfd);
    close(lfd);
    tlsterm_free(t);
    printf("tlsterm: stopped, heap %zu B\n", tls_mem_total());
    return tls_mem_total() == 0 ? 0 : 1;
}
