/* broker/transport.h - how a transport drives the broker's core (broker.h).
 *
 * The core is a library with no I/O of its own. A transport:
 *   1. numbers its clients 1..BROKER_MAX_CLIENTS and never lets a peer
 *      choose its own number (over IPC it is the badge the kernel stamps
 *      on the caller's capability);
 *   2. hands the core whole packets with broker_input(). A message-based
 *      transport (IPC) gives one message, which holds whole packets; a
 *      byte stream (TCP) collects bytes per connection until mqtt_frame()
 *      says a packet is complete (MQTT_FRAME_BAD: close the connection);
 *   3. sends a client what broker_take() returns: over IPC in the reply to
 *      the client's call, over TCP on its connection;
 *   4. implements broker_ops: log() prints a line, notify(c) tells client c
 *      that output waits (IPC: signal c's notification; TCP: mark the
 *      connection writable).
 * On BROKER_MALFORMED or BROKER_DISCONNECTED a stream transport closes the
 * connection; over IPC the client simply calls again.
 *
 * Transports: transport_ipc.c (jericho endpoints and notifications).
 */
#ifndef BROKER_TRANSPORT_H
#define BROKER_TRANSPORT_H

#include "broker.h"
#include "mqtt_codec.h"

#endif
