/*
 * loadgen.c - the host side of `make bench-net` (docs/bench.md, "The broker
 * against mosquitto"): a load generator that measures an MQTT broker and a
 * TCP echo reached through QEMU's user-network forward on 127.0.0.1.
 *
 *   loadgen mqtt PORT QOS N_LAT N_RATE WINDOW   one subscriber and one publisher
 *                                             (two TCP connections, one thread,
 *                                             poll): 64-byte payloads on one topic
 *   loadgen tcp PORT BYTES                      BYTES to an echo server on one
 *                                             connection, read back and checked
 *
 * mqtt: after 20 untimed messages, N_LAT messages one at a time (the next is
 * published when the subscriber got the last): each one's latency, publish
 * written to delivery read, in host wall time; then N_RATE messages with up
 * to WINDOW published and not yet delivered: messages per second from the
 * first publish to the last delivery. QoS 1 is acknowledged both ways (the
 * broker's PUBACK to the publisher, the subscriber's to the broker), and a
 * window also never lets more than WINDOW publishes wait for their PUBACK.
 * Both connect with keep-alive 0 (none: see mqtt_connect). Every delivery
 * must carry the next sequence number (in order, none lost, none doubled)
 * and the 64 bytes sent; anything else, or 20 s without
 * progress, is an error (exit status 1, a "loadgen: error:" line).
 *
 * Output: one line of key=value pairs on stdout (bench/net/netbench.py reads
 * it): msgs_per_s, lat_median_us, lat_p99_us, lat_min_us, for tcp
 * bytes_per_s (bytes echoed back per second: each byte crossed the guest's
 * stack twice), plus the host CPU time the generator itself used
 * (cpu_us: user + system, getrusage), its own overhead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 64
#define WARMUP 20
#define STALL_MS 20000
#define TOPIC "bench/loadgen"

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("loadgen: error: ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    exit(1);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t cpu_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
           (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

static int tcp_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        die("connect to 127.0.0.1:%d: %s", port, strerror(errno));
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void write_all(int fd, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            die("write: %s", w < 0 ? strerror(errno) : "closed");
        b += w;
        n -= (size_t)w;
    }
}

/* ---- MQTT 3.1.1: just the packets this needs ------------------------------ */

typedef struct {
    int fd;
    uint8_t buf[65536];
    size_t len;
} conn_t;

/* Fills more of c's buffer (the socket is readable); 0 when closed. */
static void conn_fill(conn_t *c)
{
    if (c->len == sizeof c->buf)
        die("receive buffer full");
    ssize_t r = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
    if (r < 0 && errno == EINTR)
        return;
    if (r <= 0)
        die("connection closed by the broker (%s)", r < 0 ? strerror(errno) : "end of stream");
    c->len += (size_t)r;
}

/* If a whole packet is buffered: its first byte in *type, body (after the
 * fixed header) in *body and *blen; returns its total length, else 0. */
static size_t conn_packet(conn_t *c, uint8_t *type, const uint8_t **body, size_t *blen)
{
    size_t rl = 0, i = 1;
    for (int shift = 0;; shift += 7, i++) {
        if (i >= c->len)
            return 0;
        if (shift > 21)
            die("malformed remaining length");
        rl |= (size_t)(c->buf[i] & 0x7f) << shift;
        if (!(c->buf[i] & 0x80))
            break;
    }
    i++;
    if (c->len < i + rl)
        return 0;
    *type = c->buf[0];
    *body = c->buf + i;
    *blen = rl;
    return i + rl;
}

static void conn_consume(conn_t *c, size_t n)
{
    memmove(c->buf, c->buf + n, c->len - n);
    c->len -= n;
}

/* Blocks for one packet of the given type (upper nibble). */
static void conn_expect(conn_t *c, uint8_t want, const char *what)
{
    uint8_t type;
    const uint8_t *body;
    size_t blen, n;
    struct pollfd p = { .fd = c->fd, .events = POLLIN };
    while (!(n = conn_packet(c, &type, &body, &blen))) {
        if (poll(&p, 1, STALL_MS) <= 0)
            die("no %s within %d ms", what, STALL_MS);
        conn_fill(c);
    }
    if ((type >> 4) != want)
        die("expected %s, got packet type %u", what, type >> 4);
    if (want == 2 && (blen < 2 || body[1] != 0))
        die("CONNACK refused (code %u)", blen >= 2 ? body[1] : 255);
    if (want == 9 && (blen < 3 || body[2] == 0x80))
        die("SUBACK refused");
    conn_consume(c, n);
}

static size_t put_str(uint8_t *p, const char *s)
{
    size_t n = strlen(s);
    p[0] = (uint8_t)(n >> 8);
    p[1] = (uint8_t)n;
    memcpy(p + 2, s, n);
    return n + 2;
}

static void mqtt_connect(conn_t *c, int port, const char *id)
{
    uint8_t p[64];
    size_t n = 2;
    c->fd = tcp_connect(port);
    c->len = 0;
    n += put_str(p + n, "MQTT");
    p[n++] = 4;             /* 3.1.1 */
    p[n++] = 0x02;          /* clean session */
    p[n++] = 0;             /* keep-alive 0 (none): under -icount an idle guest's clock */
    p[n++] = 0;             /* runs ahead of the host's, and a quiet subscriber would time out */
    n += put_str(p + n, id);
    p[0] = 0x10;
    p[1] = (uint8_t)(n - 2);
    write_all(c->fd, p, n);
    conn_expect(c, 2, "CONNACK");
}

static void mqtt_subscribe(conn_t *c, int qos)
{
    uint8_t p[64];
    size_t n = 2;
    p[n++] = 0;
    p[n++] = 1;             /* packet id */
    n += put_str(p + n, TOPIC);
    p[n++] = (uint8_t)qos;
    p[0] = 0x82;
    p[1] = (uint8_t)(n - 2);
    write_all(c->fd, p, n);
    conn_expect(c, 9, "SUBACK");
}

static void fill_payload(uint8_t *p, uint32_t seq)
{
    for (int i = 0; i < PAYLOAD; i++)
        p[i] = (uint8_t)(seq * 7 + (uint32_t)i);
    memcpy(p, &seq, 4);
}

static void mqtt_publish(conn_t *c, int qos, uint32_t seq)
{
    uint8_t p[2 + 2 + sizeof TOPIC + 2 + PAYLOAD];
    size_t n = 2;
    n += put_str(p + n, TOPIC);
    if (qos) {
        uint16_t id = (uint16_t)(seq % 65535 + 1);
        p[n++] = (uint8_t)(id >> 8);
        p[n++] = (uint8_t)id;
    }
    fill_payload(p + n, seq);
    n += PAYLOAD;
    p[0] = (uint8_t)(0x30 | qos << 1);
    p[1] = (uint8_t)(n - 2);
    write_all(c->fd, p, n);
}

typedef struct {
    conn_t sub, pub;
    int qos;
    uint32_t sent, got, acked;  /* counters since the start */
    uint64_t *t_sent, *t_got;   /* per sequence number */
    uint32_t cap;
} run_t;

/* Handles what the subscriber and publisher have buffered. */
static void drain(run_t *r)
{
    uint8_t type, want[PAYLOAD];
    const uint8_t *b;
    size_t blen, n;
    while ((n = conn_packet(&r->sub, &type, &b, &blen))) {
        if ((type >> 4) != 3)
            die("subscriber: unexpected packet type %u", type >> 4);
        int qos = (type >> 1) & 3;
        size_t tl = (size_t)b[0] << 8 | b[1], off = 2 + tl + (qos ? 2 : 0);
        if (blen != off + PAYLOAD || tl != strlen(TOPIC) || memcmp(b + 2, TOPIC, tl))
            die("subscriber: a PUBLISH of %zu bytes that is not ours", blen);
        if (qos != r->qos)
            die("subscriber: delivered at QoS %d, subscribed at %d", qos, r->qos);
        uint32_t seq;
        memcpy(&seq, b + off, 4);
        fill_payload(want, seq);
        if (seq != r->got || memcmp(b + off, want, PAYLOAD))
            die("subscriber: got message %u (payload %s), expected %u", seq,
                memcmp(b + off, want, PAYLOAD) ? "wrong" : "right", r->got);
        r->t_got[seq] = now_ns();
        r->got++;
        if (qos) {
            uint8_t ack[4] = { 0x40, 2, b[2 + tl], b[3 + tl] };
            write_all(r->sub.fd, ack, 4);
        }
        conn_consume(&r->sub, n);
    }
    while ((n = conn_packet(&r->pub, &type, &b, &blen))) {
        if ((type >> 4) != 4 || blen != 2)
            die("publisher: unexpected packet type %u", type >> 4);
        uint16_t id = (uint16_t)(b[0] << 8 | b[1]);
        if (id != (uint16_t)(r->acked % 65535 + 1))
            die("publisher: PUBACK %u out of order", id);
        r->acked++;
        conn_consume(&r->pub, n);
    }
}

/* Publishes n more messages with at most window outstanding; returns when
 * all are delivered (and acknowledged, QoS 1). */
static void run_messages(run_t *r, uint32_t n, uint32_t window)
{
    uint32_t end = r->sent + n;
    uint64_t last = now_ns();
    while (r->got < end || (r->qos && r->acked < end)) {
        while (r->sent < end && r->sent - r->got < window &&
               (!r->qos || r->sent - r->acked < window)) {
            r->t_sent[r->sent] = now_ns();
            mqtt_publish(&r->pub, r->qos, r->sent);
            r->sent++;
        }
        struct pollfd p[2] = { { .fd = r->sub.fd, .events = POLLIN },
                               { .fd = r->pub.fd, .events = POLLIN } };
        int k = poll(p, 2, 1000);
        if (k < 0 && errno != EINTR)
            die("poll: %s", strerror(errno));
        uint32_t before = r->got + r->acked;
        if (p[0].revents)
            conn_fill(&r->sub);
        if (p[1].revents)
            conn_fill(&r->pub);
        drain(r);
        if (r->got + r->acked != before)
            last = now_ns();
        else if (now_ns() - last > (uint64_t)STALL_MS * 1000000u)
            die("stalled: %u published, %u delivered, %u acknowledged", r->sent, r->got,
                r->acked);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint32_t arg_u32(const char *s, const char *what)
{
    char *e;
    unsigned long v = strtoul(s, &e, 10);
    if (*s == 0 || *e || v > 10000000)
        die("bad %s '%s'", what, s);
    return (uint32_t)v;
}

static int bench_mqtt(int port, int qos, uint32_t n_lat, uint32_t n_rate, uint32_t window)
{
    static run_t r;
    if (qos < 0 || qos > 1 || n_lat == 0 || n_rate == 0 || window == 0)
        die("QOS must be 0 or 1, the counts and window positive");
    r.qos = qos;
    r.cap = WARMUP + n_lat + n_rate;
    r.t_sent = calloc(r.cap, sizeof *r.t_sent);
    r.t_got = calloc(r.cap, sizeof *r.t_got);
    if (!r.t_sent || !r.t_got)
        die("out of memory");
    mqtt_connect(&r.sub, port, "loadgen-sub");
    mqtt_subscribe(&r.sub, qos);
    mqtt_connect(&r.pub, port, "loadgen-pub");
    uint64_t cpu0 = cpu_us();
    run_messages(&r, WARMUP, 1);
    for (uint32_t i = 0; i < n_lat; i++)
        run_messages(&r, 1, 1);
    uint64_t *lat = malloc(n_lat * sizeof *lat);
    if (!lat)
        die("out of memory");
    for (uint32_t i = 0; i < n_lat; i++)
        lat[i] = r.t_got[WARMUP + i] - r.t_sent[WARMUP + i];
    qsort(lat, n_lat, sizeof *lat, cmp_u64);
    uint32_t first = r.sent;
    run_messages(&r, n_rate, window);
    uint64_t span = r.t_got[r.sent - 1] - r.t_sent[first];
    printf("mqtt qos=%d n_lat=%u n_rate=%u window=%u msgs_per_s=%.1f lat_median_us=%.1f "
           "lat_p99_us=%.1f lat_min_us=%.1f cpu_us=%llu\n",
           qos, n_lat, n_rate, window, n_rate * 1e9 / (double)span, lat[n_lat / 2] / 1e3,
           lat[(n_lat * 99 + 99) / 100 - 1] / 1e3, lat[0] / 1e3,
           (unsigned long long)(cpu_us() - cpu0));
    close(r.sub.fd);
    close(r.pub.fd);
    free(lat);
    free(r.t_sent);
    free(r.t_got);
    return 0;
}

static int bench_tcp(int port, uint32_t bytes)
{
    static uint8_t out[16384], in[16384];
    int fd = tcp_connect(port);
    uint32_t sent = 0, got = 0;
    uint64_t cpu0 = cpu_us(), t0 = now_ns(), last = t0;
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (uint8_t)(i * 131 + 7);
    while (got < bytes) {
        struct pollfd p = { .fd = fd, .events = POLLIN | (sent < bytes ? POLLOUT : 0) };
        if (poll(&p, 1, 1000) < 0 && errno != EINTR)
            die("poll: %s", strerror(errno));
        if ((p.revents & POLLOUT) && sent < bytes) {
            size_t off = sent % sizeof out, n = sizeof out - off;
            if (n > bytes - sent)
                n = bytes - sent;
            ssize_t w = send(fd, out + off, n, MSG_DONTWAIT);
            if (w > 0)
                sent += (uint32_t)w;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t k = read(fd, in, sizeof in);
            if (k <= 0)
                die("echo closed after %u of %u bytes", got, bytes);
            for (ssize_t i = 0; i < k; i++)
                if (in[i] != out[(got + (uint32_t)i) % sizeof out])
                    die("echo byte %u differs", got + (uint32_t)i);
            got += (uint32_t)k;
            last = now_ns();
        } else if (now_ns() - last > (uint64_t)STALL_MS * 1000000u) {
            die("stalled: %u sent, %u echoed", sent, got);
        }
    }
    uint64_t span = now_ns() - t0;
    printf("tcp bytes=%u bytes_per_s=%.1f cpu_us=%llu\n", bytes, bytes * 1e9 / (double)span,
           (unsigned long long)(cpu_us() - cpu0));
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 7 && !strcmp(argv[1], "mqtt"))
        return bench_mqtt((int)arg_u32(argv[2], "port"), (int)arg_u32(argv[3], "qos"),
                          arg_u32(argv[4], "N_LAT"), arg_u32(argv[5], "N_RATE"),
                          arg_u32(argv[6], "WINDOW"));
    if (argc == 4 && !strcmp(argv[1], "tcp"))
        return bench_tcp((int)arg_u32(argv[2], "port"), arg_u32(argv[3], "BYTES"));
    fprintf(stderr, "usage: loadgen mqtt PORT QOS N_LAT N_RATE WINDOW\n"
                    "       loadgen tcp PORT BYTES\n");
    return 2;
}
