/* tlsterm/task_net.h - the sockets the terminator task needs from the
 * kernel's network task (issue 15: sockets as capabilities). Handles are
 * small integers; every call is non-blocking but tnet_wait(). Results
 * follow tlsterm_stream's conventions: a byte count, 0 at the end of the
 * stream, TLSTERM_AGAIN, or TLSTERM_ERR.
 *
 * Implementations: task_net_jericho.c (the network task's sockets,
 * jericho_net.h) and task_net_none.c (no sockets, for jwasm:
 * every call fails). task_net_jericho.c listens through the LISTEN right
 * its spawner grants, accepts (an accepted connection is a capability),
 * connects to the broker through a CONNECT right, and waits on the
 * notification the network task signals.
 */
#ifndef TLSTERM_TASK_NET_H
#define TLSTERM_TASK_NET_H

#include <stddef.h>
#include <stdint.h>

long tnet_listen(uint16_t port);                 /* a listener, or TLSTERM_ERR */
long tnet_accept(long listener);                 /* a connection, TLSTERM_AGAIN or TLSTERM_ERR */
long tnet_connect(uint16_t port);                /* to the upstream service */
long tnet_recv(long h, void *buf, size_t len);
long tnet_send(long h, const void *buf, size_t len);
void tnet_close(long h);
/* Sleeps until a socket may have changed or timeout_ms (-1: none) passed;
 * the time now in ms. */
uint64_t tnet_wait(long timeout_ms);
uint64_t tnet_now(void);

#endif
