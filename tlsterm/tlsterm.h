/* tlsterm/tlsterm.h - the TLS terminator's core: TLS byte streams in,
 * plaintext streams out (tlsterm/README.md).
 *
 * The core does no I/O of its own and never blocks. A platform adapter
 * (tlsterm/host_main.c over POSIX sockets; later the kernel's network task
 * through its socket capabilities) gives it:
 *   - each accepted TLS connection as a tlsterm_stream (tlsterm_accept);
 *   - a way to open the upstream plaintext stream (env.connect_upstream),
 *     called only once the handshake is done: a client that never finishes
 *     its handshake holds its slot and nothing else;
 *   - a clock (the now_ms arguments) and a log.
 * It calls tlsterm_step() for a connection whose streams may have become
 * readable or writable (calling it needlessly is harmless),
 * tlsterm_interest() to learn what to wait for, and tlsterm_tick() for the
 * handshake deadlines.
 *
 * Streams are non-blocking: read and write return a byte count, 0 from
 * read at the end of the stream, TLSTERM_AGAIN when nothing can be done
 * now, or TLSTERM_ERR.
 */
#ifndef TLSTERM_TLSTERM_H
#define TLSTERM_TLSTERM_H

#include <stddef.h>
#include <stdint.h>

#define TLSTERM_AGAIN (-2L)
#define TLSTERM_ERR (-1L)

/* A connection's plaintext buffer in each direction, inside its slot. */
#define TLSTERM_BUF 4096
/* At most this many connection slots (tlsterm_limits.max_conns). */
#define TLSTERM_MAX_CONNS 32

typedef struct tlsterm_stream {
    void *h;
    long (*read)(void *h, void *buf, size_t len);
    long (*write)(void *h, const void *buf, size_t len);
    void (*close)(void *h);          /* the stream is not used again */
} tlsterm_stream;

typedef struct tlsterm_env {
    void *ctx;
    /* Open the upstream stream for connection `conn`: 0 and *up filled, or
     * TLSTERM_ERR (the TLS connection is then closed). A stream still
     * connecting answers TLSTERM_AGAIN until it is open. */
    long (*connect_upstream)(void *ctx, unsigned conn, tlsterm_stream *up);
    void (*log)(void *ctx, const char *line);
} tlsterm_env;

typedef struct tlsterm_limits {
    unsigned max_conns;              /* slots, <= TLSTERM_MAX_CONNS */
    size_t conn_heap;                /* mbedTLS heap per connection, bytes */
    uint64_t handshake_ms;           /* from accept to handshake done */
} tlsterm_limits;

/* The defaults (tlsterm/README.md, "Limits"). */
#define TLSTERM_DEFAULT_CONNS 16
#define TLSTERM_DEFAULT_CONN_HEAP (40u * 1024)
#define TLSTERM_DEFAULT_HANDSHAKE_MS 10000
/* Beyond the connections: the certificate, key and RNG. */
#define TLSTERM_SHARED_HEAP (16u * 1024)

/* What tlsterm_interest() reports, per stream. */
#define TLSTERM_IN 1
#define TLSTERM_OUT 2

typedef struct tlsterm tlsterm;

/* Sets up the configuration from a DER certificate and DER private key
 * (the server's chain is that one certificate). NULL on failure, with a
 * line logged. Entropy comes from getentropy() (tls_rng.c). */
tlsterm *tlsterm_new(const tlsterm_limits *lim, const tlsterm_env *env,
                     const unsigned char *cert_der, size_t cert_len,
                     const unsigned char *key_der, size_t key_len);
/* Closes every connection and frees everything. */
void tlsterm_free(tlsterm *t);

/* A new TLS connection: its slot number, or TLSTERM_ERR when all slots
 * are taken or its state cannot be allocated (then `down` is closed). */
long tlsterm_accept(tlsterm *t, const tlsterm_stream *down, uint64_t now_ms);
/* Moves what can be moved on connection `conn` (may close it). */
void tlsterm_step(tlsterm *t, unsigned conn, uint64_t now_ms);
/* Closes connections whose handshake is past its deadline. Returns the
 * milliseconds until the next deadline, or -1 if there is none. */
long tlsterm_tick(tlsterm *t, uint64_t now_ms);
/* 0 for a free slot; else TLSTERM_IN/OUT bits for each stream. */
int tlsterm_interest(const tlsterm *t, unsigned conn, int *down, int *up);
unsigned tlsterm_open_count(const tlsterm *t);
unsigned tlsterm_slots(const tlsterm *t);
/* The bytes of one slot (its buffers and mbedTLS's context), outside the
 * accounted heap. */
size_t tlsterm_slot_size(void);

#endif
