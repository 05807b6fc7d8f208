// mqtt-net-echo.c - an in-system MQTT client over IPC beside the TCP
// clients of the same broker (mqttnet/README.md): subscribes to host/#
// and answers every message on host/X with the same payload on guest/X,
// so a host's mosquitto_pub reaches a wasm task and a host's
// mosquitto_sub hears one. It says so on the console and publishes the
// retained guest/status "echo up" first. mqtt-net stops it (a badged
// signal on its notification) before it stops the broker.
//
// group: mqtt-net
// caps: console:w endpoint:broker:w:badge=1 notification:n-echo:r notification:broker-ev:w:badge=0x2
// expect: echo: connected to the broker over IPC
// expect: echo: subscribed to host/#
// expect: echo: stopped
// expect-not: FAILED
// expect-kernel: task mqtt-net-echo exited with code 0
#include <stdio.h>
#include <string.h>

#include <jericho.h>

enum { CONSOLE = 0, BROKER = 1, NTFN = 2, WAKE = 3 };
#define MSG 4096
#define STOP_BIT 0x100     /* the badge of mqtt-net's capability to our notification */

static uint8_t out[MSG], in[MSG];
static uint32_t out_len;
static uint16_t next_id = 1;

static void put(const void *p, uint32_t n)
{
    if (n && out_len + n <= MSG) {
        memcpy(out + out_len, p, n);
        out_len += n;
    }
}

/* A packet: fixed header byte, remaining length, body. */
static void packet(uint8_t type, const uint8_t *body, uint32_t n)
{
    uint8_t h[5];
    uint32_t k = 0, len = n;
    h[k++] = type;
    do {
        h[k] = (uint8_t)(len & 0x7f);
        len >>= 7;
        if (len)
            h[k] |= 0x80;
        k++;
    } while (len);
    put(h, k);
    put(body, n);
}

static uint32_t str(uint8_t *b, const char *s, uint32_t n)
{
    b[0] = (uint8_t)(n >> 8);
    b[1] = (uint8_t)n;
    memcpy(b + 2, s, n);
    return n + 2;
}

static void publish(const char *topic, uint32_t tlen, const uint8_t *payload, uint32_t plen,
                    int qos, int retain)
{
    static uint8_t b[MSG];
    uint32_t n = str(b, topic, tlen);
    if (qos) {
        b[n++] = (uint8_t)(next_id >> 8);
        b[n++] = (uint8_t)next_id;
        next_id = next_id == 0xffff ? 1 : next_id + 1;
    }
    if (n + plen > sizeof b - 8)
        plen = (uint32_t)sizeof b - 8 - n;
    memcpy(b + n, payload, plen);
    packet((uint8_t)(0x30 | qos << 1 | retain), b, n + plen);
}

/* Sends what is in out (maybe nothing: a fetch), wakes the broker; the
 * reply's length in in. */
static int32_t exchange(void)
{
    jericho_msginfo_t info;
    jericho_signal(WAKE, 2);
    int32_t rc = jericho_call(BROKER, out, out_len, in, sizeof in, &info);
    out_len = 0;
    return rc;
}

/* Handles the broker's packets in in[0..len). */
static void handle(uint32_t len)
{
    uint32_t at = 0;
    while (at + 2 <= len) {
        uint8_t type = in[at];
        uint32_t rem = 0, shift = 0, k = at + 1;
        do {
            rem |= (uint32_t)(in[k] & 0x7f) << shift;
            shift += 7;
        } while (in[k++] & 0x80 && k < len && shift < 28);
        if (k + rem > len)
            return;
        const uint8_t *b = in + k;
        if ((type & 0xf0) == 0x30 && rem >= 2) {
            int qos = type >> 1 & 3;
            uint32_t tlen = (uint32_t)b[0] << 8 | b[1], p = 2 + tlen + (qos ? 2 : 0);
            if (p <= rem) {
                char topic[160], reply[170];
                uint32_t tl = tlen < sizeof topic - 1 ? tlen : (uint32_t)sizeof topic - 1;
                memcpy(topic, b + 2, tl);
                topic[tl] = 0;
                if (qos) {
                    uint8_t ack[2] = {b[2 + tlen], b[3 + tlen]};
                    packet(qos == 1 ? 0x40 : 0x50, ack, 2);
                }
                printf("echo: %s: %.*s\n", topic, (int)(rem - p < 80 ? rem - p : 80), b + p);
                if (!strncmp(topic, "host/", 5)) {
                    int n = snprintf(reply, sizeof reply, "guest/%s", topic + 5);
                    publish(reply, (uint32_t)n, b + p, rem - p, 1, 0);
                }
            }
        } else if ((type & 0xf0) == 0x60 && rem == 2) {
            packet(0x70, b, 2);     /* PUBREL -> PUBCOMP (QoS 2 in) */
        }
        at = k + rem;
    }
}

int main(void)
{
    static const uint8_t connect[] = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0,
                                      0, 10, 'g', 'u', 'e', 's', 't', '-', 'e', 'c', 'h', 'o'};
    static const uint8_t subscribe[] = {0, 1, 0, 6, 'h', 'o', 's', 't', '/', '#', 1};
    setvbuf(stdout, NULL, _IOLBF, 0);
    packet(0x10, connect, sizeof connect);
    int32_t rc = exchange();
    if (rc < 4 || in[0] != 0x20 || in[3] != 0) {
        printf("echo: FAILED: CONNECT -> %d\n", (int)rc);
        return 1;
    }
    printf("echo: connected to the broker over IPC\n");
    packet(0x82, subscribe, sizeof subscribe);
    rc = exchange();
    printf("echo: subscribed to host/#%s\n", rc >= 5 && in[0] == 0x90 && in[4] == 1 ? "" : " FAILED");
    if (rc > 0)
        handle((uint32_t)rc);   /* retained messages after the SUBACK */
    publish("guest/status", 12, (const uint8_t *)"echo up", 7, 0, 1);
    for (;;) {
        rc = exchange();
        if (rc < 0) {
            printf("echo: FAILED: the broker is gone (%s)\n", jericho_error_name(rc));
            return 1;
        }
        handle((uint32_t)rc);
        if (out_len)
            continue;
        int64_t bits = jericho_wait(NTFN);
        if (bits < 0 || (bits & STOP_BIT))
            break;
    }
    packet(0xe0, NULL, 0);      /* DISCONNECT */
    exchange();
    printf("echo: stopped\n");
    return 0;
}
