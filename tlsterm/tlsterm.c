/* tlsterm/tlsterm.c - the terminator's core (tlsterm.h): connection slots,
 * the handshake, and the two plaintext pumps of an open connection.
 *
 * A slot is FREE, HANDSHAKE (TLS only: no upstream yet, a deadline) or
 * OPEN (upstream connected). Each direction has one buffer in the slot:
 * to_up holds plaintext mbedTLS decrypted that upstream has not taken yet,
 * to_down plaintext from upstream that mbedTLS has not sent yet (a
 * WANT_WRITE from mbedtls_ssl_write must be retried with the same bytes).
 * A full buffer stops reading the side that fills it: memory per
 * connection is the slot plus mbedTLS's heap, which tls_mem.c bounds.
 * Either side's end (or error) closes both, once what is buffered toward
 * the other side has been tried.
 */
#include "tlsterm.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"
#include "tls_mem.h"
#include "tls_rng.h"

enum { FREE = 0, HANDSHAKE, OPEN };

typedef struct {
    int state;
    unsigned serial;                 /* connections accepted before this one */
    tlsterm_stream down, up;
    int has_up;
    int established;                 /* the handshake finished */
    int down_eof, up_eof;
    int down_wblk, up_wblk;          /* the last write said AGAIN */
    uint64_t deadline;
    mbedtls_ssl_context ssl;
    size_t to_up_off, to_up_len;
    size_t to_down_off, to_down_len;
    unsigned char to_up[TLSTERM_BUF];
    unsigned char to_down[TLSTERM_BUF];
} conn_t;

struct tlsterm {
    tlsterm_limits lim;
    tlsterm_env env;
    unsigned accepted, open;
    mbedtls_ssl_config conf;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt cert;
    mbedtls_pk_context key;
    conn_t conns[TLSTERM_MAX_CONNS];
};

static void say(tlsterm *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(tlsterm *t, const char *fmt, ...)
{
    char line[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (t->env.log)
        t->env.log(t->env.ctx, line);
}

tlsterm *tlsterm_new(const tlsterm_limits *lim, const tlsterm_env *env,
                     const unsigned char *cert_der, size_t cert_len,
                     const unsigned char *key_der, size_t key_len)
{
    if (lim->max_conns == 0 || lim->max_conns > TLSTERM_MAX_CONNS)
        return NULL;
    tls_mem_init(lim->conn_heap, lim->max_conns * lim->conn_heap + TLSTERM_SHARED_HEAP);
    tls_mem_install();
    tls_mem_charge_to(TLS_MEM_SHARED);
    tlsterm *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->lim = *lim;
    t->env = *env;
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_x509_crt_init(&t->cert);
    mbedtls_pk_init(&t->key);
    static const unsigned char pers[] = "jerichoos-tlsterm";
    /* ECDHE in this order of preference (the fastest first). In TLS 1.2 a
     * client's list also says which certificate curves it takes: ours is
     * P-256. */
    static const mbedtls_ecp_group_id curves[] = {
        MBEDTLS_ECP_DP_CURVE25519, MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_SECP384R1,
        MBEDTLS_ECP_DP_NONE
    };
    int r;
    const char *what;
    if ((r = mbedtls_ctr_drbg_seed(&t->drbg, tls_rng_entropy, NULL, pers, sizeof pers - 1)))
        what = "seeding the random generator (getentropy)";
    else if ((r = mbedtls_x509_crt_parse_der(&t->cert, cert_der, cert_len)))
        what = "parsing the certificate";
    else if ((r = mbedtls_pk_parse_key(&t->key, key_der, key_len, NULL, 0)))
        what = "parsing the private key";
    else if ((r = mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_SERVER,
                                              MBEDTLS_SSL_TRANSPORT_STREAM,
                                              MBEDTLS_SSL_PRESET_DEFAULT)))
        what = "the TLS defaults";
    else if ((r = mbedtls_ssl_conf_own_cert(&t->conf, &t->cert, &t->key)))
        what = "the certificate and key";
    else {
        mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
        mbedtls_ssl_conf_curves(&t->conf, curves);
        mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                     MBEDTLS_SSL_MINOR_VERSION_3);
        return t;
    }
    say(t, "tlsterm: %s failed: mbedTLS error -0x%04x", what, (unsigned)-r);
    tlsterm_free(t);
    return NULL;
}

static void conn_close(tlsterm *t, unsigned i, const char *why)
{
    conn_t *c = &t->conns[i];
    if (c->state == FREE)
        return;
    tls_mem_charge_to((int)i);
    if (c->established && !c->down_eof)
        (void)mbedtls_ssl_close_notify(&c->ssl);      /* best effort */
    mbedtls_ssl_free(&c->ssl);
    tls_mem_charge_to(TLS_MEM_SHARED);
    c->down.close(c->down.h);
    if (c->has_up)
        c->up.close(c->up.h);
    c->state = FREE;
    t->open--;
    size_t left = tls_mem_in_use((int)i);
    say(t, "tlsterm: conn %u closed (%s), peak heap %zu B; %u open, heap %zu B%s",
        c->serial, why, tls_mem_peak((int)i), t->open, tls_mem_total(),
        left ? " (LEAK in this slot)" : "");
}

/* Closes a connection, the reason being mbedTLS error r. */
static void close_on_error(tlsterm *t, unsigned i, const char *what, int r)
{
    char why[64];
    snprintf(why, sizeof why, "%s: -0x%04x", what, (unsigned)-r);
    conn_close(t, i, why);
}

void tlsterm_free(tlsterm *t)
{
    if (!t)
        return;
    for (unsigned i = 0; i < t->lim.max_conns; i++)
        conn_close(t, i, "terminator stopping");
    tls_mem_charge_to(TLS_MEM_SHARED);
    mbedtls_ssl_config_free(&t->conf);
    mbedtls_pk_free(&t->key);
    mbedtls_x509_crt_free(&t->cert);
    mbedtls_ctr_drbg_free(&t->drbg);
    free(t);
}

/* mbedTLS's BIO callbacks: the TLS side of a connection. */
static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    conn_t *c = ctx;
    long n = c->down.write(c->down.h, buf, len);
    c->down_wblk = n == TLSTERM_AGAIN;
    if (n == TLSTERM_AGAIN)
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    return n > 0 ? (int)n : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    conn_t *c = ctx;
    long n = c->down.read(c->down.h, buf, len);
    if (n == TLSTERM_AGAIN)
        return MBEDTLS_ERR_SSL_WANT_READ;
    return n >= 0 ? (int)n : MBEDTLS_ERR_NET_RECV_FAILED;
}

long tlsterm_accept(tlsterm *t, const tlsterm_stream *down, uint64_t now_ms)
{
    unsigned i;
    for (i = 0; i < t->lim.max_conns && t->conns[i].state != FREE; i++)
        ;
    unsigned serial = ++t->accepted;
    if (i == t->lim.max_conns) {
        down->close(down->h);
        say(t, "tlsterm: conn %u refused: all %u slots taken", serial, t->lim.max_conns);
        return TLSTERM_ERR;
    }
    conn_t *c = &t->conns[i];
    memset(c, 0, offsetof(conn_t, to_up));
    c->serial = serial;
    c->down = *down;
    tls_mem_charge_to((int)i);
    tls_mem_reset_peak((int)i);
    mbedtls_ssl_init(&c->ssl);
    int r = mbedtls_ssl_setup(&c->ssl, &t->conf);
    if (r) {
        mbedtls_ssl_free(&c->ssl);
        tls_mem_charge_to(TLS_MEM_SHARED);
        down->close(down->h);
        say(t, "tlsterm: conn %u refused: its TLS state: -0x%04x", serial, (unsigned)-r);
        return TLSTERM_ERR;
    }
    mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
    tls_mem_charge_to(TLS_MEM_SHARED);
    c->state = HANDSHAKE;
    c->deadline = now_ms + t->lim.handshake_ms;
    t->open++;
    return (long)i;
}

/* The handshake; 1 when it is done and upstream is connected. */
static int handshake(tlsterm *t, unsigned i)
{
    conn_t *c = &t->conns[i];
    int r = mbedtls_ssl_handshake(&c->ssl);
    if (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE)
        return 0;
    if (r) {
        close_on_error(t, i, "handshake failed", r);
        return 0;
    }
    c->established = 1;
    if (t->env.connect_upstream(t->env.ctx, i, &c->up) != 0) {
        conn_close(t, i, "upstream refused the connection");
        return 0;
    }
    c->has_up = 1;
    c->state = OPEN;
    say(t, "tlsterm: conn %u open: %s, %s, handshake heap peak %zu B", c->serial,
        mbedtls_ssl_get_version(&c->ssl), mbedtls_ssl_get_ciphersuite(&c->ssl),
        tls_mem_peak((int)i));
    return 1;
}

/* One round of both pumps: 1 if anything moved, 0 if not, -1 if closed. */
static int pump(tlsterm *t, unsigned i)
{
    conn_t *c = &t->conns[i];
    int moved = 0;
    long n;

    /* TLS -> upstream: first what is buffered, then decrypt more. */
    while (c->to_up_off < c->to_up_len) {
        n = c->up.write(c->up.h, c->to_up + c->to_up_off, c->to_up_len - c->to_up_off);
        c->up_wblk = n == TLSTERM_AGAIN;
        if (n == TLSTERM_AGAIN)
            break;
        if (n <= 0) {
            conn_close(t, i, "upstream write failed");
            return -1;
        }
        c->to_up_off += (size_t)n;
        moved = 1;
    }
    if (c->to_up_off == c->to_up_len && !c->down_eof) {
        c->to_up_off = c->to_up_len = 0;
        int r = mbedtls_ssl_read(&c->ssl, c->to_up, sizeof c->to_up);
        if (r > 0) {
            c->to_up_len = (size_t)r;
            moved = 1;
        } else if (r == 0 || r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            c->down_eof = 1;
            moved = 1;
        } else if (r != MBEDTLS_ERR_SSL_WANT_READ && r != MBEDTLS_ERR_SSL_WANT_WRITE) {
            close_on_error(t, i, "TLS read failed", r);
            return -1;
        }
    }

    /* upstream -> TLS: first what mbedTLS has not taken, then read more. */
    while (c->to_down_off < c->to_down_len) {
        int r = mbedtls_ssl_write(&c->ssl, c->to_down + c->to_down_off,
                                  c->to_down_len - c->to_down_off);
        if (r == MBEDTLS_ERR_SSL_WANT_WRITE || r == MBEDTLS_ERR_SSL_WANT_READ)
            break;
        if (r <= 0) {
            c->down_eof = 1;         /* no close_notify over a broken stream */
            conn_close(t, i, "TLS write failed");
            return -1;
        }
        c->to_down_off += (size_t)r;
        moved = 1;
    }
    if (c->to_down_off == c->to_down_len && !c->up_eof) {
        c->to_down_off = c->to_down_len = 0;
        n = c->up.read(c->up.h, c->to_down, sizeof c->to_down);
        if (n > 0) {
            c->to_down_len = (size_t)n;
            moved = 1;
        } else if (n == 0 || n == TLSTERM_ERR) {
            c->up_eof = 1;
            moved = 1;
        }
    }

    if (c->down_eof && c->to_up_off == c->to_up_len) {
        conn_close(t, i, "client closed");
        return -1;
    }
    if (c->up_eof && c->to_down_off == c->to_down_len) {
        conn_close(t, i, "upstream closed");
        return -1;
    }
    return moved;
}

void tlsterm_step(tlsterm *t, unsigned i, uint64_t now_ms)
{
    if (i >= t->lim.max_conns || t->conns[i].state == FREE)
        return;
    conn_t *c = &t->conns[i];
    tls_mem_charge_to((int)i);
    if (c->state == HANDSHAKE && now_ms >= c->deadline)
        conn_close(t, i, "handshake timed out");
    else if (c->state == HANDSHAKE && !handshake(t, i))
        ;
    else
        while (pump(t, i) > 0)
            ;
    tls_mem_charge_to(TLS_MEM_SHARED);
}

long tlsterm_tick(tlsterm *t, uint64_t now_ms)
{
    long next = -1;
    for (unsigned i = 0; i < t->lim.max_conns; i++) {
        conn_t *c = &t->conns[i];
        if (c->state != HANDSHAKE)
            continue;
        if (now_ms >= c->deadline) {
            conn_close(t, i, "handshake timed out");
            continue;
        }
        uint64_t left = c->deadline - now_ms;
        if (next < 0 || left < (uint64_t)next)
            next = (long)left;
    }
    return next;
}

int tlsterm_interest(const tlsterm *t, unsigned i, int *down, int *up)
{
    *down = *up = 0;
    if (i >= t->lim.max_conns || t->conns[i].state == FREE)
        return 0;
    const conn_t *c = &t->conns[i];
    if (c->state == HANDSHAKE) {
        *down = c->down_wblk ? TLSTERM_OUT : TLSTERM_IN;
        return 1;
    }
    if (c->to_up_off == c->to_up_len && !c->down_eof)
        *down |= TLSTERM_IN;
    if (c->down_wblk)
        *down |= TLSTERM_OUT;
    if (c->to_down_off == c->to_down_len && !c->up_eof)
        *up |= TLSTERM_IN;
    if (c->up_wblk)
        *up |= TLSTERM_OUT;
    return 1;
}

unsigned tlsterm_open_count(const tlsterm *t)
{
    return t->open;
}

unsigned tlsterm_slots(const tlsterm *t)
{
    return t->lim.max_conns;
}

size_t tlsterm_slot_size(void)
{
    return sizeof(conn_t);
}
