// net-echo.c - a TCP echo server on the SDK's socket API (sdk/include/jericho_net.h):
// listens on port 7 of the network task (netstack/) with the LISTEN right
// its manifest grants, and echoes every connection's bytes back, up to
// MAXC connections at once, in one event loop (every call non-blocking;
// the task waits on its notification when nothing moved). A connection
// whose first bytes are "quit" stops it: it reports the rest of that
// message (the host's port for the controller's connect-out tests) to
// net-test on the net-ctl endpoint and exits. Suite net-ARCH
// (tests/net/check.sh; the host side is tests/net/net_host.py).
//
// group: net
// caps: console:w endpoint:net:wg:badge=0x10000010007 notification:echo-ev:rw endpoint:net-ctl:w
// expect: echo: attach -> ok
// expect: echo: listen on tcp port 7 -> ok
// expect: echo: a connection reset by the peer seen: yes
// expect: echo: stopped by the host's quit: yes
// expect-not: FAILED
// expect-kernel: task net-echo exited with code 0
#include <stdio.h>
#include <string.h>

#include <jericho_net.h>

enum { CONSOLE = 0, LISTEN = 1, EV = 2, CTL = 3 };
#define MAXC 8

typedef struct {
    jericho_cap_t cap;      /* -1: free */
    uint32_t first;         /* bytes received so far (the "quit" check) */
    uint32_t off, len;      /* pending echo in buf */
    uint64_t total;
    uint8_t buf[JNET_DATA_MAX];
} conn_t;

static conn_t c[MAXC];
static int resets, nconns;

static void drop(conn_t *k, const char *why)
{
    printf("echo: connection closed (%s) after %llu bytes\n", why, (unsigned long long)k->total);
    jnet_close(k->cap);
    k->cap = -1;
}

int main(void)
{
    int quit = 0, rc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < MAXC; i++)
        c[i].cap = -1;
    rc = jnet_attach(LISTEN, EV);
    printf("echo: attach -> %s\n", rc < 0 ? jnet_error_name(rc) : "ok");
    rc = jnet_listen(LISTEN, 7);
    printf("echo: listen on tcp port 7 -> %s\n", rc < 0 ? jnet_error_name(rc) : "ok");
    if (rc < 0)
        return 1;
    while (!quit) {
        int moved = 0;
        for (int i = 0; i < MAXC; i++) {
            if (c[i].cap >= 0)
                continue;
            uint32_t ip;
            uint16_t port;
            rc = jnet_accept(LISTEN, &ip, &port);
            if (rc < 0) {
                if (rc != JNET_E_WOULD_BLOCK)
                    printf("echo: accept -> %s\n", jnet_error_name(rc));
                break;
            }
            memset(&c[i], 0, sizeof c[i] - sizeof c[i].buf);
            c[i].cap = rc;
            nconns++;
            printf("echo: connection %d from %u.%u.%u.%u:%u\n", nconns, ip >> 24, ip >> 16 & 255,
                   ip >> 8 & 255, ip & 255, port);
            moved = 1;
        }
        for (int i = 0; i < MAXC && !quit; i++) {
            conn_t *k = &c[i];
            if (k->cap < 0)
                continue;
            if (k->off < k->len) {
                rc = jnet_send(k->cap, k->buf + k->off, k->len - k->off);
                if (rc > 0) {
                    k->off += (uint32_t)rc;
                    k->total += (uint32_t)rc;
                    moved = 1;
                } else if (rc != JNET_E_WOULD_BLOCK) {
                    resets += rc == JNET_E_RESET;
                    drop(k, jnet_error_name(rc));
                }
                continue;
            }
            rc = jnet_recv(k->cap, k->buf, sizeof k->buf);
            if (rc > 0) {
                if (k->first == 0 && rc >= 4 && !memcmp(k->buf, "quit", 4)) {
                    jericho_send(CTL, k->buf + 4, (uint32_t)rc - 4, -1);
                    quit = 1;
                    drop(k, "quit");
                    break;
                }
                k->first += (uint32_t)rc;
                k->off = 0;
                k->len = (uint32_t)rc;
                moved = 1;
            } else if (rc == 0) {
                drop(k, "by the peer");
            } else if (rc != JNET_E_WOULD_BLOCK) {
                resets += rc == JNET_E_RESET;
                drop(k, jnet_error_name(rc));
            }
        }
        if (!moved && !quit && jericho_wait(EV) < 0) {
            printf("echo: FAILED: wait\n");
            return 1;
        }
    }
    for (int i = 0; i < MAXC; i++)
        if (c[i].cap >= 0)
            drop(&c[i], "the end");
    printf("echo: %d connections\n", nconns);
    printf("echo: a connection reset by the peer seen: %s\n", resets ? "yes" : "no");
    printf("echo: stopped by the host's quit: yes\n");
    return 0;
}
